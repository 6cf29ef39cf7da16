package com.waltalk.relay.session;

/**
 * Per-connection rate limits (see docs/PROTOCOL.md, "Limits"). Each limit is generous for a real
 * client — twice what the app sends — and bounds what a misbehaving one can make the relay and the
 * database do. Not thread-safe (one connection's transport thread).
 */
final class ConnectionLimits {

    static final double VIDEO_PER_SECOND = 30;
    static final double AUDIO_PER_SECOND = 100;
    static final double CONTROL_PER_SECOND = 20;
    static final double CHAT_PER_SECOND = 5;

    final RateLimiter video = new RateLimiter(VIDEO_PER_SECOND, VIDEO_PER_SECOND);
    final RateLimiter audio = new RateLimiter(AUDIO_PER_SECOND, AUDIO_PER_SECOND);
    final RateLimiter control = new RateLimiter(CONTROL_PER_SECOND, 2 * CONTROL_PER_SECOND);
    final RateLimiter chat = new RateLimiter(CHAT_PER_SECOND, 2 * CHAT_PER_SECOND);
}
