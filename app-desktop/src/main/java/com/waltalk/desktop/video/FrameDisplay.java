package com.waltalk.desktop.video;

/**
 * Where decoded frames go to be seen. {@link #present} never blocks: a display keeps only the newest
 * frame it has not shown yet and counts the ones it replaced.
 *
 * <p>Implementations are thread-safe: {@link #present} is called from a decoding or capture thread.
 */
public interface FrameDisplay {

    void present(ScreenFrame frame);

    /** Frames that reached the screen. */
    long framesShown();

    /** Frames replaced by a newer one before they could be shown. */
    long framesDropped();
}
