package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.session.CallView;

/**
 * What the call screen asks of the media pipelines: start when a call is accepted (render into the
 * view's image views, report peer-video presence and statistics), stop when it ends. Called on the
 * JavaFX thread; implementations do their work on their own threads.
 */
public interface CallMediaHooks {

    /** Media for the accepted call {@code call} should flow and be shown in {@code view}. */
    void callStarted(CallView call, InCallView view);

    /** The call ended: stop capture and playback, release devices. */
    void callEnded();

    /** Where to report a device problem as a sentence for the user (called from any thread). */
    default void onProblem(java.util.function.Consumer<String> sink) {
    }

    /** Playback buffer ahead of real time in milliseconds, or negative if unknown (statistics overlay). */
    default double audioBufferMillis() {
        return -1;
    }

    CallMediaHooks NONE = new CallMediaHooks() {
        @Override
        public void callStarted(CallView call, InCallView view) {
        }

        @Override
        public void callEnded() {
        }
    };
}
