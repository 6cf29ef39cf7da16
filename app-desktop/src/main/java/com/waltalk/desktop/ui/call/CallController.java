package com.waltalk.desktop.ui.call;

import com.waltalk.desktop.session.CallPhase;
import com.waltalk.desktop.session.ContactCommand;
import com.waltalk.desktop.ui.common.FailureText;
import com.waltalk.desktop.session.CallView;
import com.waltalk.desktop.settings.AppSettings;
import com.waltalk.desktop.ui.common.DesktopNotifier;
import com.waltalk.desktop.ui.common.FxSession;
import com.waltalk.desktop.ui.common.Toasts;
import com.waltalk.desktop.ui.contacts.CallDescriptions;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Runs the call side of a window: shows the call screen for the current call, rings (or plays the
 * ringback tone), notifies when a call comes in while the window is in the background, says plainly
 * why a call did not happen (busy, declined, missed), starts and stops the media pipelines, and feeds
 * the statistics overlay.
 *
 * <p>Use on the JavaFX thread.
 */
public final class CallController implements AutoCloseable {

    private final FxSession session;
    private final CallScreen screen;
    private final AppSettings settings;
    private final Toasts toasts;
    private final DesktopNotifier notifier;
    private final Ringtone ringtone;
    private final CallMediaHooks media;
    private final Window window;
    private final Timeline statsTimer;
    private long mediaCallId;

    public CallController(FxSession session, CallScreen screen, AppSettings settings, Toasts toasts,
                          DesktopNotifier notifier, CallMediaHooks media, Window window) {
        this.session = session;
        this.screen = screen;
        this.settings = settings;
        this.toasts = toasts;
        this.notifier = notifier;
        this.media = media;
        this.window = window;
        this.ringtone = new Ringtone(() -> settings.speakerProperty().get());
        session.onCallChanged(this::changed);
        media.onProblem(text -> javafx.application.Platform.runLater(() -> toasts.show("Call media", text)));
        session.onCommandFailure(e -> {
            String text = FailureText.forCommand(e.command(), e.subject(), e.failure());
            switch (e.command()) {
                case "call", "accept", "decline", "hangup" -> toasts.show("Call", text);
                case "sendChat" -> toasts.show("Message not sent", text);
                default -> {
                    if (ContactCommand.of(e.command()).isEmpty()) { // the contacts screens explain their own
                        toasts.show("Something went wrong", text);
                    }
                }
            }
        });
        statsTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> refreshStats()));
        statsTimer.setCycleCount(Animation.INDEFINITE);
        screen.inCall().stats().visibleProperty().addListener((o, was, now) -> {
            if (now) {
                refreshStats();
                statsTimer.play();
            } else {
                statsTimer.stop();
            }
        });
        changed(session.currentCallProperty().get());
    }

    private void changed(CallView c) {
        screen.show(c);
        if (c == null || c.ended()) {
            ringtone.stop();
            stopMedia();
            if (c != null) {
                String notice = CallDescriptions.outcomeNotice(c);
                if (notice != null) {
                    toasts.show(title(c), notice);
                    if (CallDescriptions.missedByMe(c) && !window.isFocused()
                            && settings.notificationsProperty().get()) {
                        notifier.notify("Missed call", notice);
                    }
                }
            }
            return;
        }
        if (c.phase() == CallPhase.INCOMING_RINGING) {
            if (settings.ringtoneProperty().get()) {
                ringtone.play(Ringtone.Tone.RING);
            }
            if (!window.isFocused() && settings.notificationsProperty().get()) {
                notifier.notify("Incoming call", c.peer() + " is calling you");
                toasts.show("Incoming call", c.peer() + " is calling you");
            }
        } else if (c.phase() == CallPhase.OUTGOING_RINGING) {
            ringtone.play(Ringtone.Tone.RINGBACK);
        } else {
            ringtone.stop();
            if (mediaCallId != c.callId()) {
                stopMedia();
                mediaCallId = c.callId();
                media.callStarted(c, screen.inCall());
            }
        }
    }

    private static String title(CallView c) {
        return switch (c.outcome()) {
            case BUSY -> c.outgoing() ? "Busy" : "Missed call";
            case DECLINED -> "Declined";
            case MISSED, CANCELLED -> c.outgoing() ? "No answer" : "Missed call";
            case ENDED -> "Call ended";
        };
    }

    private void stopMedia() {
        if (mediaCallId != 0) {
            mediaCallId = 0;
            media.callEnded();
        }
    }

    private void refreshStats() {
        if (screen.inCall().isVisible()) {
            screen.inCall().stats().update(session.model().media().stats(), media.audioBufferMillis());
        }
    }

    /** The ringtone player (tests check what plays). */
    public Ringtone ringtone() {
        return ringtone;
    }

    @Override
    public void close() {
        statsTimer.stop();
        ringtone.close();
        stopMedia();
    }
}
