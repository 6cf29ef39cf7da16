package com.waltalk.desktop.video;

/** A JPEG that cannot be shown whole: truncated, damaged or not a JPEG at all. */
public final class CorruptFrameException extends Exception {
    public CorruptFrameException(String message) {
        super(message);
    }

    public CorruptFrameException(String message, Throwable cause) {
        super(message, cause);
    }
}
