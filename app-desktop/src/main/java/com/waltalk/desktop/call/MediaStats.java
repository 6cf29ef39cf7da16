package com.waltalk.desktop.call;

/**
 * All media figures of the current connection.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param videoOut          video I send
 * @param videoIn           video I receive
 * @param audioOut          audio I send
 * @param audioIn           audio I receive
 * @param roundTripMillis   latest ping → pong round trip to the relay, -1 if none yet
 * @param clockOffsetMicros relay clock minus my clock, estimated from {@code welcome.serverTimeMicros} and the
 *                          hello → welcome round trip
 */
public record MediaStats(StreamStats videoOut, StreamStats videoIn, StreamStats audioOut, StreamStats audioIn,
                         double roundTripMillis, long clockOffsetMicros) {
}
