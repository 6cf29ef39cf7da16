package com.waltalk.relay.session;

/**
 * Per-connection rate limits (see docs/PROTOCOL.md, "Limits"). Each limit is generous for a real
 * client — twice what the app sends — and bounds what a misbehaving one can make the relay and the
 * database do. Not thread-safe (one connection's transport thread).
 */
final class ConnectionLimits {

    /**
     * Media arriving at more than this many times its rate limit in each of {@link #FLOOD_SECONDS}
     * consecutive seconds is a flood that closes the connection. That is four times what the app
     * sends, kept up for ten seconds. A legitimate client cannot do it: after a network stall its
     * backlog (the app queues at most 25 audio packets and one video frame, plus what the socket
     * buffers hold, a few seconds of media) arrives in one stretch, which floods a second or two
     * however large it is; to flood ten seconds in a row a client has to keep sending at that rate.
     */
    static final int FLOOD_FACTOR = 2;
    static final int FLOOD_SECONDS = 10;
    private static final long SECOND_NANOS = 1_000_000_000L;

    static final double VIDEO_PER_SECOND = 30;
    static final double AUDIO_PER_SECOND = 100;
    static final double CONTROL_PER_SECOND = 20;
    static final double CHAT_PER_SECOND = 5;

    final RateLimiter video = new RateLimiter(VIDEO_PER_SECOND, VIDEO_PER_SECOND);
    final RateLimiter audio = new RateLimiter(AUDIO_PER_SECOND, AUDIO_PER_SECOND);
    final RateLimiter control = new RateLimiter(CONTROL_PER_SECOND, 2 * CONTROL_PER_SECOND);
    final RateLimiter chat = new RateLimiter(CHAT_PER_SECOND, 2 * CHAT_PER_SECOND);
    final FloodMeter videoFlood = new FloodMeter(SECOND_NANOS, (int) (FLOOD_FACTOR * VIDEO_PER_SECOND), FLOOD_SECONDS);
    final FloodMeter audioFlood = new FloodMeter(SECOND_NANOS, (int) (FLOOD_FACTOR * AUDIO_PER_SECOND), FLOOD_SECONDS);
}
