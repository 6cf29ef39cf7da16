package com.waltalk.protocol.control;

/**
 * Which media one party of a call has switched on, as last reported by its {@link MediaState};
 * part of a {@link CallUpdate}.
 *
 * <p>Thread-safety: immutable; safe to share between threads.
 *
 * @param videoOn whether the party's camera is sending
 * @param audioOn whether the party's microphone is sending
 */
public record MediaFlags(boolean videoOn, boolean audioOn) {

    /** Camera and microphone on: a party's flags before its first {@link MediaState}. */
    public static final MediaFlags ALL_ON = new MediaFlags(true, true);
}
