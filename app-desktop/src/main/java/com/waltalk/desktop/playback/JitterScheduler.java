package com.waltalk.desktop.playback;

import com.waltalk.desktop.media.AudioPacket;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
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
 * <li>Late (its start is already written), or older than a queued packet and late: dropped.</li>
 * <li>Same sequence number seen among the last {@value #DUPLICATE_WINDOW} packets: dropped.</li>
 * <li>Gaps render as silence; audio fades out over {@link #FADE_SAMPLES} samples before a gap
 *     or a jump and fades in after one, so nothing clicks.</li>
 * </ul>
 *
 * <p>Not thread-safe: the owner serialises calls ({@link SpeakerPlayback} holds a lock).
 */
public final class JitterScheduler {

    public static final int MAX_AHEAD_MILLIS = 150;
    public static final int REANCHOR_LEAD_MILLIS = 20;
    public static final int START_DELAY_MILLIS = 80;
    /** 3 ms fades. */
    public static final int FADE_SAMPLES = 48;
    static final int DUPLICATE_WINDOW = 1024;

    private static final int RATE = AudioPacket.SAMPLE_RATE;
    static final long MAX_AHEAD = samples(MAX_AHEAD_MILLIS);
    private static final long REANCHOR_LEAD = samples(REANCHOR_LEAD_MILLIS);
    private static final long START_DELAY = samples(START_DELAY_MILLIS);
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
        } else {
            start = anchorPosition + Math.round((packet.captureMicros() - anchorMicros) * (RATE / 1e6));
        }
        if (start < writePosition) {
            if (newer && committedEnd() <= writePosition && queue.isEmpty()) {
                underruns++;
                havePlayed = false;
                start = anchor(packet, Math.max(writePosition, playPosition + START_DELAY));
            } else {
                late++;
                return;
            }
        }
        if (start + samples.length - playPosition > MAX_AHEAD) {
            reanchors++;
            long committedEnd = committedEnd();
            dropAllExceptCommitted();
            havePlayed = false;
            start = anchor(packet, Math.max(committedEnd, playPosition + REANCHOR_LEAD));
        }
        if (!fitsInOrder(seq, start, start + samples.length)) {
            late++;
            return;
        }
        queue.put(start, new Entry(seq, packet.captureMicros(), start, samples));
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
                queue.remove(e.start);
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
                reanchors, droppedExcess, underruns);
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
            queue.pollFirstEntry();
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
