package com.waltalk.desktop.audio;

/**
 * A microphone or speaker cannot be used: no such device, no line in a usable format, or the
 * device is busy or was unplugged. The message is written for the user.
 */
public class AudioDeviceException extends Exception {

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
