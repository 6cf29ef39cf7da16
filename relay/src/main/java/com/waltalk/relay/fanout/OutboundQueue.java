package com.waltalk.relay.fanout;

import com.waltalk.protocol.CloseCode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-client send queue that keeps a slow client from costing anyone else anything.
 *
 * <p>While the transport drains (less than {@link #TRANSPORT_HIGH_WATER} bytes buffered) messages
 * go straight through, in order. Past that, the client is congested: video is held in a
 * latest-frame-wins slot per sender (a newer frame replaces, and counts as dropped, the one still
 * waiting), while audio and control messages wait in order in a FIFO bounded at
 * {@link #MAX_PENDING_RELIABLE} bytes; a client that cannot even take those is disconnected.
 * {@link #drain()} sends what fits once the transport has room again; pending audio and control
 * always go before held video.
 *
 * <p>Memory bound per client: {@code TRANSPORT_HIGH_WATER} + one message of overshoot +
 * {@code MAX_PENDING_RELIABLE} + one held video frame per sender (at most {@link #MAX_VIDEO_SENDERS}).
 * With 256 KiB video frames that is at most 256 + 256 + 1024 + 4 × 256 KiB ≈ 2.5 MiB; with the
 * 30 KB frames of a real call, about 1.4 MiB. The client's kernel send buffer is capped separately by
 * the transport.
 *
 * <p>Thread-safe: all methods synchronize on the queue; none blocks on the network.
 */
public final class OutboundQueue {

    public static final long TRANSPORT_HIGH_WATER = 256 * 1024;
    public static final long MAX_PENDING_RELIABLE = 1024 * 1024;
    public static final int MAX_VIDEO_SENDERS = 4;

    private final ClientChannel channel;
    private final OutboundStats stats;
    private final ArrayDeque<Object> reliable = new ArrayDeque<>();
    private final Map<String, ByteBuffer> heldVideo = new LinkedHashMap<>();
    private long reliableBytes;
    private long videoDropped;
    private long messagesSent;
    private long bytesSent;
    private boolean overflowed;

    public OutboundQueue(ClientChannel channel) {
        this(channel, new OutboundStats());
    }

    /** A queue that also adds its drops and disconnects to relay-wide {@code stats}. */
    public OutboundQueue(ClientChannel channel, OutboundStats stats) {
        this.channel = channel;
        this.stats = stats;
    }

    /** Offers a video frame from {@code sender}; returns true if the client is congested afterwards. */
    public synchronized boolean offerVideo(String sender, ByteBuffer frame) {
        if (reliable.isEmpty() && heldVideo.isEmpty() && channel.bufferedBytes() < TRANSPORT_HIGH_WATER) {
            send(frame);
            return false;
        }
        ByteBuffer replaced = heldVideo.remove(sender);
        if (replaced != null) {
            videoDropped++;
            stats.videoDropped();
        } else if (heldVideo.size() >= MAX_VIDEO_SENDERS) {
            Iterator<ByteBuffer> oldest = heldVideo.values().iterator();
            oldest.next();
            oldest.remove();
            videoDropped++;
            stats.videoDropped();
        }
        heldVideo.put(sender, frame);
        return drain();
    }

    /** Offers an audio frame; never dropped while the client keeps up at all. */
    public synchronized boolean offerAudio(ByteBuffer frame) {
        return offerReliable(frame, frame.remaining());
    }

    /** Offers a control message (JSON text). */
    public synchronized boolean offerControl(String json) {
        return offerReliable(json, json.length() * 3L);
    }

    private boolean offerReliable(Object message, long size) {
        if (overflowed) {
            return false;
        }
        if (reliable.isEmpty() && channel.bufferedBytes() < TRANSPORT_HIGH_WATER) {
            send(message);
            return !heldVideo.isEmpty();
        }
        reliable.addLast(message);
        reliableBytes += size;
        if (reliableBytes > MAX_PENDING_RELIABLE) {
            overflowed = true;
            stats.slowDisconnect();
            reliable.clear();
            heldVideo.clear();
            reliableBytes = 0;
            channel.close(CloseCode.TOO_SLOW, "too slow: more than " + MAX_PENDING_RELIABLE / 1024
                    + " KiB of audio and control messages pending");
            return false;
        }
        return drain();
    }

    /** Sends what the transport has room for; returns true if anything is still pending. */
    public synchronized boolean drain() {
        if (!channel.isOpen()) {
            reliable.clear();
            heldVideo.clear();
            reliableBytes = 0;
            return false;
        }
        while (channel.bufferedBytes() < TRANSPORT_HIGH_WATER) {
            Object next = reliable.pollFirst();
            if (next != null) {
                reliableBytes -= next instanceof ByteBuffer b ? b.remaining() : ((String) next).length() * 3L;
                send(next);
                continue;
            }
            Iterator<ByteBuffer> video = heldVideo.values().iterator();
            if (!video.hasNext()) {
                break;
            }
            ByteBuffer frame = video.next();
            video.remove();
            send(frame);
        }
        return !reliable.isEmpty() || !heldVideo.isEmpty();
    }

    private void send(Object message) {
        if (message instanceof ByteBuffer b) {
            bytesSent += b.remaining();
            channel.sendBinary(b);
        } else {
            String s = (String) message;
            bytesSent += s.length();
            channel.sendText(s);
        }
        messagesSent++;
    }

    public synchronized long videoDropped() {
        return videoDropped;
    }

    public synchronized long messagesSent() {
        return messagesSent;
    }

    public synchronized long bytesSent() {
        return bytesSent;
    }

    /** Bytes held by this queue (not counting the transport's own buffer). */
    public synchronized long pendingBytes() {
        long held = 0;
        for (ByteBuffer b : heldVideo.values()) {
            held += b.remaining();
        }
        return reliableBytes + held;
    }
}
