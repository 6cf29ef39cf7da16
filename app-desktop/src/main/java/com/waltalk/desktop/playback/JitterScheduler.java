package com.waltalk.desktop.playback;

import com.waltalk.desktop.media.AudioPacket;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Places incoming audio packets on a playout timeline and renders that timeline, never letting the
 * scheduled audio run more than {@link #MAX_AHEAD_MILLIS} ahead of what is being heard.
 *
 * <p>The timeline counts 16 kHz samples. Two positions move along it: the <em>play position</em>
 * (what the listener hears now; passed in by the caller, from the device or a simulated clock) and the
 * <em>write position</em> (everything before it has been rendered and handed to the device). A packet's
 * place is its sender timestamp mapped through an anchor (sender µs ↔ timeline sample), so packets
 * line up by capture time and a muted stretch on the sender side takes its real length here.
 *
 * <ul>
 * <li>First packet, or the first newer packet after the queue ran dry and its time has passed
 *     (underrun): anchored {@link #START_DELAY_MILLIS} after the play position.</li>
 * <li>A packet that would end more than {@link #MAX_AHEAD_MILLIS} after the play position:
 *     re-anchored to start {@link #REANCHOR_LEAD_MILLIS} after the play position (or right after the
 *     audio already committed to the device, if that is later); the queued packets it overtakes are
 *     dropped.</li>
 * <li>The next packet in sequence after a placed one (or the one just before a queued one) whose
 *     timestamp puts it within {@link #SNAP_TOLERANCE_MILLIS} of that neighbour's edge: placed
 *     exactly against it, so a sender whose timestamps wobble by a millisecond or two (or shift
 *     once, when its clock-offset estimate changes) plays gaplessly and loses nothing. Timestamps
 *     locate the stream; sequence numbers order it.</li>
 * <li>Late (its start is already written), or older than a queued packet and late: dropped.</li>
 * <li>Same sequence number seen among the last {@value #DUPLICATE_WINDOW} packets: dropped.</li>
 * <li>Gaps render as silence; audio fades out over {@link #FADE_SAMPLES} samples before a gap
 *     or a jump and fades in after one, so nothing clicks.</li>
 * <li>Shrinking back: the least audio scheduled ahead of the play position when a packet arrives is
 *     tracked over windows of {@link #SHRINK_WINDOW_MILLIS}. If over a whole window it never fell
 *     below {@link #START_DELAY_MILLIS} + one packet, and no packet came late, the quietest queued
 *     packet not yet committed to the device is dropped and everything after it moves one packet
 *     earlier (the neighbours fade out and in) — so a delay raised by an underrun returns toward the
 *     start delay once the network is steady, at most one packet per window.</li>
 * </ul>
 *
 * <p>Not thread-safe: the owner serialises calls ({@link SpeakerPlayback} holds a lock).
 */
public final class JitterScheduler {

    public static final int MAX_AHEAD_MILLIS = 150;
    public static final int REANCHOR_LEAD_MILLIS = 20;
    public static final int START_DELAY_MILLIS = 80;
    /** How far a packet's timestamp may put it from its sequence neighbour's edge and still be placed against it. */
    public static final int SNAP_TOLERANCE_MILLIS = 5;
    /** Length of the windows over which the least scheduled-ahead is judged before shrinking. */
    public static final int SHRINK_WINDOW_MILLIS = 1_500;
    /** 3 ms fades. */
    public static final int FADE_SAMPLES = 48;
    static final int DUPLICATE_WINDOW = 1024;

    private static final int RATE = AudioPacket.SAMPLE_RATE;
    static final long MAX_AHEAD = samples(MAX_AHEAD_MILLIS);
    private static final long REANCHOR_LEAD = samples(REANCHOR_LEAD_MILLIS);
    private static final long START_DELAY = samples(START_DELAY_MILLIS);
    private static final long SNAP_TOLERANCE = samples(SNAP_TOLERANCE_MILLIS);
    private static final long SHRINK_WINDOW = samples(SHRINK_WINDOW_MILLIS);
    /** Sender timestamps further than this from the anchor are nonsense; treated as a jump. */
    private static final long MAX_TIMESTAMP_DISTANCE_MICROS = 3_600_000_000L;

    private enum Tail { UNDECIDED, CONTINUE, FADE }

    private static final class Entry {
        final long seq;
        final long captureMicros;
        long start;
        final short[] samples;
        Tail tail = Tail.UNDECIDED;
        boolean started;

        Entry(long seq, long captureMicros, long start, short[] samples) {
            this.seq = seq;
            this.captureMicros = captureMicros;
            this.start = start;
            this.samples = samples;
        }

        long end() {
            return start + samples.length;
        }
    }

    private final TreeMap<Long, Entry> queue = new TreeMap<>();
    /** The same entries by sequence number. */
    private final HashMap<Long, Entry> queuedBySeq = new HashMap<>();
    private final ArrayDeque<Long> recentSeqs = new ArrayDeque<>();
    private final HashSet<Long> recentSeqSet = new HashSet<>();

    private long writePosition;
    private boolean anchored;
    private long anchorMicros;
    private long anchorPosition;
    private boolean haveNewest;
    private long newestSeq;

    /** The entry whose samples were rendered last, if the sample before the write position came from it. */
    private Entry lastRendered;
    private int fadeInRemaining;
    private boolean haveStarted;
    private long highestStartedSeq;
    private boolean havePlayed;
    private long lastPlayedSeq;
    private long lastPlayedEnd;

    private PacketStartListener startListener;

    private long played;
    private long late;
    private long concealed;
    private long duplicates;
    private long reanchors;
    private long droppedExcess;
    private long underruns;
    private long shrinkDrops;

    /** Current shrink window: where it began (play position) and the least scheduled-ahead seen in it. */
    private long windowStart;
    private long windowMinAhead = Long.MAX_VALUE;

    /**
     * Schedules a packet that arrived now.
     *
     * @param playPosition the timeline sample being heard now (≤ {@link #writePosition()})
     */
    public void offer(AudioPacket packet, long playPosition) {
        long seq = packet.seq() & 0xFFFF_FFFFL;
        if (!rememberSeq(seq)) {
            duplicates++;
            return;
        }
        short[] samples = decode(packet.pcm());
        if (samples.length == 0) {
            return;
        }
        if (anchored) {
            windowMinAhead = Math.min(windowMinAhead, scheduledAhead(playPosition));
        }
        boolean newer = !haveNewest || seqDelta(seq, newestSeq) > 0;
        if (newer) {
            haveNewest = true;
            newestSeq = seq;
        }
        if (samples.length > MAX_AHEAD - REANCHOR_LEAD) {
            samples = java.util.Arrays.copyOf(samples, (int) (MAX_AHEAD - REANCHOR_LEAD));
        }
        long start;
        if (!anchored || Math.abs(packet.captureMicros() - anchorMicros) > MAX_TIMESTAMP_DISTANCE_MICROS) {
            start = anchor(packet, Math.max(writePosition, playPosition + START_DELAY));
            restartShrinkWindow(playPosition);
        } else {
            start = anchorPosition + Math.round((packet.captureMicros() - anchorMicros) * (RATE / 1e6));
            start = placeAgainstNeighbours(packet, seq, newer, start, samples.length, playPosition);
        }
        if (start < writePosition) {
            if (newer && committedEnd() <= writePosition && queue.isEmpty()) {
                underruns++;
                havePlayed = false;
                start = anchor(packet, Math.max(writePosition, playPosition + START_DELAY));
                restartShrinkWindow(playPosition);
            } else {
                dropLate();
                return;
            }
        }
        if (start + samples.length - playPosition > MAX_AHEAD) {
            reanchors++;
            long committedEnd = committedEnd();
            dropAllExceptCommitted();
            havePlayed = false;
            start = anchor(packet, Math.max(committedEnd, playPosition + REANCHOR_LEAD));
            restartShrinkWindow(playPosition);
        }
        if (!fitsInOrder(seq, start, start + samples.length)) {
            dropLate();
            return;
        }
        enqueue(new Entry(seq, packet.captureMicros(), start, samples));
        if (playPosition - windowStart >= SHRINK_WINDOW) {
            if (windowMinAhead != Long.MAX_VALUE && windowMinAhead > START_DELAY) {
                shrinkOnce(windowMinAhead - START_DELAY);
            }
            restartShrinkWindow(playPosition);
        }
    }

    /**
     * Renders the next {@code count} samples at the write position into {@code out} and advances the
     * write position by {@code count}.
     */
    public void render(short[] out, int offset, int count) {
        purgePassed();
        int i = 0;
        while (i < count) {
            Entry e = entryAt(writePosition);
            if (e == null) {
                Map.Entry<Long, Entry> next = queue.ceilingEntry(writePosition);
                long silence = next == null ? count - i : Math.min(count - i, next.getKey() - writePosition);
                java.util.Arrays.fill(out, offset + i, offset + i + (int) silence, (short) 0);
                i += (int) silence;
                writePosition += silence;
                lastRendered = null;
                continue;
            }
            if (!e.started) {
                begin(e);
            }
            int from = (int) (writePosition - e.start);
            int take = (int) Math.min(count - i, e.samples.length - from);
            for (int k = 0; k < take; k++) {
                int idx = from + k;
                double gain = 1;
                if (fadeInRemaining > 0) {
                    gain = (double) (FADE_SAMPLES - fadeInRemaining + 1) / (FADE_SAMPLES + 1);
                    fadeInRemaining--;
                }
                int toEnd = e.samples.length - idx;
                if (toEnd <= FADE_SAMPLES) {
                    if (e.tail == Tail.UNDECIDED) {
                        e.tail = hasSuccessor(e) ? Tail.CONTINUE : Tail.FADE;
                    }
                    if (e.tail == Tail.FADE) {
                        gain = Math.min(gain, (double) (toEnd - 1) / FADE_SAMPLES);
                    }
                }
                out[offset + i + k] = (short) Math.round(e.samples[idx] * gain);
            }
            i += take;
            writePosition += take;
            lastRendered = e;
            if (writePosition >= e.end()) {
                dequeue(e);
            }
        }
    }

    /**
     * Told, during {@link #render}, of each packet whose first sample is rendered (null: nobody).
     * Called with the caller's lock held: it must only note the packet.
     */
    public void setPacketStartListener(PacketStartListener listener) {
        this.startListener = listener;
    }

    /** The next sample {@link #render} will produce. */
    public long writePosition() {
        return writePosition;
    }

    /** Audio scheduled after the play position, in samples: rendered or queued, whichever reaches further. */
    public long scheduledAhead(long playPosition) {
        long end = writePosition;
        if (!queue.isEmpty()) {
            end = Math.max(end, queue.lastEntry().getValue().end());
        }
        return Math.max(0, end - playPosition);
    }

    /** Whether any packet is waiting to be rendered. */
    public boolean hasQueued() {
        return !queue.isEmpty();
    }

    public PlaybackStats stats(long playPosition) {
        return new PlaybackStats(scheduledAhead(playPosition) * 1000.0 / RATE, played, late, concealed, duplicates,
                reanchors, droppedExcess, underruns, shrinkDrops);
    }

    private void begin(Entry e) {
        e.started = true;
        played++;
        haveStarted = true;
        highestStartedSeq = e.seq;
        boolean continuous = lastRendered != null && lastRendered.tail == Tail.CONTINUE
                && lastRendered.end() == e.start && seqDelta(e.seq, lastRendered.seq) == 1;
        fadeInRemaining = continuous ? 0 : FADE_SAMPLES;
        if (havePlayed) {
            long seqGap = seqDelta(e.seq, lastPlayedSeq) - 1L;
            long slotGap = Math.max(0, Math.round((e.start - lastPlayedEnd) / (double) AudioPacket.SAMPLES_PER_PACKET));
            concealed += Math.max(0, Math.min(seqGap, slotGap));
        }
        havePlayed = true;
        lastPlayedSeq = e.seq;
        lastPlayedEnd = e.end();
        if (startListener != null) {
            startListener.packetStarted(e.seq, e.captureMicros);
        }
    }

    /** Entries that ended before the write position (cannot happen through offer; kept as a guard). */
    private void purgePassed() {
        while (!queue.isEmpty() && queue.firstEntry().getValue().end() <= writePosition) {
            dequeue(queue.firstEntry().getValue());
            late++;
        }
    }

    private boolean hasSuccessor(Entry e) {
        Entry next = queue.get(e.end());
        return next != null && seqDelta(next.seq, e.seq) == 1;
    }

    private Entry entryAt(long position) {
        Map.Entry<Long, Entry> floor = queue.floorEntry(position);
        if (floor == null) {
            return null;
        }
        Entry e = floor.getValue();
        return position < e.end() ? e : null;
    }

    /**
     * End of the audio the renderer is committed to: the entry being played and, if its tail was
     * rendered without a fade because its successor was there, that successor (and so on).
     */
    private long committedEnd() {
        Entry e = entryAt(writePosition);
        if (e == null) {
            return writePosition;
        }
        while (e.tail == Tail.CONTINUE) {
            Entry next = queue.get(e.end());
            if (next == null) {
                break;
            }
            e = next;
        }
        return e.end();
    }

    private void dropAllExceptCommitted() {
        long keepUntil = committedEnd();
        Iterator<Entry> it = queue.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.start >= keepUntil) {
                it.remove();
                queuedBySeq.remove(e.seq);
                droppedExcess++;
            }
        }
    }

    /**
     * Whether a packet may go at [start, end): after everything already started, between queued
     * packets of lower and higher sequence numbers, and overlapping none. (Positions from different
     * anchors need not agree with sequence order; sequence order wins.)
     */
    private boolean fitsInOrder(long seq, long start, long end) {
        if (haveStarted && seqDelta(seq, highestStartedSeq) <= 0) {
            return false;
        }
        Map.Entry<Long, Entry> before = queue.floorEntry(start);
        if (before != null && (before.getValue().end() > start || seqDelta(seq, before.getValue().seq) <= 0)) {
            return false;
        }
        Map.Entry<Long, Entry> after = queue.ceilingEntry(start);
        return after == null || (after.getKey() >= end && seqDelta(after.getValue().seq, seq) > 0);
    }

    /**
     * Where a packet goes given its sequence neighbours: against the end of its predecessor (queued, or
     * the packet whose last sample was just rendered) or else the start of its queued successor, when
     * its timestamp puts it within {@link #SNAP_TOLERANCE} of there; otherwise where the timestamp says.
     * Snapped to its predecessor, a packet that is the newest becomes the anchor (so one shift of the
     * sender's timestamps is absorbed once, not on every later packet), and a queued successor chain
     * that the wobble left a little off is moved against it.
     */
    private long placeAgainstNeighbours(AudioPacket packet, long seq, boolean newer, long start, int length,
                                        long playPosition) {
        Entry pred = queuedBySeq.get(seqPlus(seq, -1));
        if (pred == null && lastRendered != null && lastRendered.end() == writePosition
                && seqDelta(seq, lastRendered.seq) == 1) {
            pred = lastRendered;
        }
        Entry succ = queuedBySeq.get(seqPlus(seq, 1));
        if (pred != null && Math.abs(start - pred.end()) <= SNAP_TOLERANCE) {
            start = pred.end();
            if (newer) {
                anchorMicros = packet.captureMicros();
                anchorPosition = start;
            }
            long end = start + length;
            if (succ != null && !succ.started && succ.start != end && Math.abs(succ.start - end) <= 2 * SNAP_TOLERANCE) {
                moveChain(succ, end - succ.start, playPosition);
            }
            return start;
        }
        if (succ != null && !succ.started && Math.abs(start + length - succ.start) <= SNAP_TOLERANCE) {
            return succ.start - length;
        }
        return start;
    }

    /**
     * Moves {@code first} and the queued packets contiguous with it in sequence by {@code delta} samples,
     * if that overlaps nothing and stays within the clamp; otherwise leaves them (the caller's packet
     * may then not fit and be dropped as late, as before).
     */
    private void moveChain(Entry first, long delta, long playPosition) {
        List<Entry> chain = new ArrayList<>();
        Entry e = first;
        while (e != null && !e.started) {
            chain.add(e);
            Entry next = queuedBySeq.get(seqPlus(e.seq, 1));
            e = next != null && next.start == e.end() ? next : null;
        }
        Entry last = chain.get(chain.size() - 1);
        if (delta > 0) {
            Map.Entry<Long, Entry> after = queue.higherEntry(last.start);
            if (last.end() + delta - playPosition > MAX_AHEAD || (after != null && after.getKey() < last.end() + delta)) {
                return;
            }
        } else {
            Map.Entry<Long, Entry> before = queue.lowerEntry(first.start);
            if (first.start + delta < writePosition
                    || (before != null && before.getValue().end() > first.start + delta)) {
                return;
            }
        }
        for (Entry c : chain) {
            queue.remove(c.start);
        }
        for (Entry c : chain) {
            c.start += delta;
            queue.put(c.start, c);
        }
        if (last.seq == newestSeq) {
            anchorMicros = last.captureMicros;
            anchorPosition = last.start;
        }
    }

    /**
     * Drops the quietest queued packet that is not committed to the device and is at most
     * {@code maxSamples} long, and moves everything after it that much earlier — the schedule then
     * runs that much closer to the play position. The packets either side of the cut fade out and in
     * (they are not consecutive in sequence, so {@link #render} treats the cut as a seam).
     */
    private void shrinkOnce(long maxSamples) {
        long committedEnd = committedEnd();
        Entry quietest = null;
        double quietestEnergy = Double.MAX_VALUE;
        for (Entry e : queue.tailMap(committedEnd, true).values()) {
            if (e.started || e.samples.length > maxSamples) {
                continue;
            }
            double energy = meanSquare(e.samples);
            if (energy < quietestEnergy) {
                quietest = e;
                quietestEnergy = energy;
            }
        }
        if (quietest == null) {
            return;
        }
        dequeue(quietest);
        shrinkDrops++;
        long cut = quietest.samples.length;
        List<Entry> later = new ArrayList<>(queue.tailMap(quietest.start, false).values());
        for (Entry e : later) {
            queue.remove(e.start);
        }
        for (Entry e : later) {
            e.start -= cut;
            queue.put(e.start, e);
        }
        anchorPosition -= cut;
    }

    private void restartShrinkWindow(long playPosition) {
        windowStart = playPosition;
        windowMinAhead = Long.MAX_VALUE;
    }

    /** A packet came too late to play: counted, and no shrinking in this window. */
    private void dropLate() {
        late++;
        windowMinAhead = 0;
    }

    private void enqueue(Entry e) {
        queue.put(e.start, e);
        queuedBySeq.put(e.seq, e);
    }

    private void dequeue(Entry e) {
        queue.remove(e.start);
        queuedBySeq.remove(e.seq);
    }

    private static double meanSquare(short[] samples) {
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return sum / samples.length;
    }

    private long anchor(AudioPacket packet, long position) {
        anchored = true;
        anchorMicros = packet.captureMicros();
        anchorPosition = position;
        return position;
    }

    /** @return false if the sequence number was seen recently */
    private boolean rememberSeq(long seq) {
        if (!recentSeqSet.add(seq)) {
            return false;
        }
        recentSeqs.addLast(seq);
        if (recentSeqs.size() > DUPLICATE_WINDOW) {
            recentSeqSet.remove(recentSeqs.removeFirst());
        }
        return true;
    }

    private static long seqPlus(long seq, int delta) {
        return (seq + delta) & 0xFFFF_FFFFL;
    }

    /** a − b for 32-bit wrapping sequence numbers. */
    static int seqDelta(long a, long b) {
        return (int) (a - b);
    }

    private static short[] decode(byte[] pcm) {
        short[] s = new short[pcm.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8));
        }
        return s;
    }

    static long samples(long millis) {
        return millis * RATE / 1000;
    }

    /** See {@link #setPacketStartListener}. */
    @FunctionalInterface
    public interface PacketStartListener {

        /**
         * @param seq           the packet's sequence number (low 32 bits)
         * @param captureMicros its sender capture timestamp as offered
         */
        void packetStarted(long seq, long captureMicros);
    }
}
