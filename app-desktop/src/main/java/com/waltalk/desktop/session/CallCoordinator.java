package com.waltalk.desktop.session;

import com.waltalk.desktop.call.MediaLink;
import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.protocol.UserNames;
import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallDecline;
import com.waltalk.protocol.control.CallHangup;
import com.waltalk.protocol.control.CallHistory;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.MediaFlags;
import com.waltalk.protocol.control.MediaState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * The session's calls: the current call (ringing either way, or accepted) and the call history from the
 * relay's {@code call_history} and {@code call} messages ({@link CallLog} keeps them by id), the call
 * commands (call, accept, decline, hang up), and my camera/microphone switches, which it keeps in step
 * with the relay's record of the accepted call. It routes the {@link MediaLink} to the accepted call and
 * away from it when it ends.
 *
 * <p>Thread-safety: {@link #currentCall()}, {@link #history()} and {@link #localMedia()} may be called from
 * any thread (volatile snapshots); everything else is confined to the session thread.
 */
final class CallCoordinator {

    private final ConnectionCoordinator connection;
    private final RelayCommands commands;
    private final MediaLink media;
    private final SessionListeners listeners;

    // session thread only
    private final CallLog calls = new CallLog();
    private Long currentCallId;
    /** Final calls already announced as {@link SessionEvent.CallChanged}: each ending is told once. */
    private final Set<Long> announcedFinal = new HashSet<>();

    // snapshots for the getters; local is written on the session thread only
    private volatile CallView currentSnapshot;
    private volatile List<CallView> historySnapshot = List.of();
    private volatile MediaSwitches local = MediaSwitches.ALL_ON;

    CallCoordinator(ConnectionCoordinator connection, RelayCommands commands, MediaLink media,
                    SessionListeners listeners) {
        this.connection = connection;
        this.commands = commands;
        this.media = media;
        this.listeners = listeners;
    }

    // ---- snapshots -------------------------------------------------------------------------------------

    /** The ringing or accepted call, or {@code null}. */
    CallView currentCall() {
        return currentSnapshot;
    }

    /** Recent calls, newest first. */
    List<CallView> history() {
        return historySnapshot;
    }

    MediaSwitches localMedia() {
        return local;
    }

    // ---- commands --------------------------------------------------------------------------------------

    void call(String user) {
        if (!requireSignedIn("call")) {
            return;
        }
        if (!UserNames.isValid(user)) {
            commands.failed("call", Failure.of(FailureKind.BAD_USER_NAME));
        } else if (user.equals(connection.me())) {
            commands.failed("call", Failure.of(FailureKind.REJECTED, "you cannot call yourself"));
        } else if (currentCallId != null) {
            commands.failed("call", Failure.of(FailureKind.REJECTED, "already in a call"));
        } else {
            commands.send("call", user, new CallStart(user));
        }
    }

    void accept() {
        onCurrentCall("accept", CallPhase.INCOMING_RINGING, id -> new CallAccept(id));
    }

    void decline() {
        onCurrentCall("decline", CallPhase.INCOMING_RINGING, id -> new CallDecline(id));
    }

    void hangup() {
        onCurrentCall("hangup", null, id -> new CallHangup(id));
    }

    private void onCurrentCall(String command, CallPhase needed, LongFunction<ControlMessage> m) {
        if (!requireSignedIn(command)) {
            return;
        }
        CallView current = currentSnapshot;
        if (current == null || (needed != null && current.phase() != needed)) {
            commands.failed(command, Failure.of(FailureKind.REJECTED,
                    current == null ? "there is no call" : "the call is " + current.phase()));
            return;
        }
        commands.send(command, m.apply(current.callId()));
    }

    void setMuted(boolean muted) {
        setLocal(local.withMic(!muted));
    }

    void setCameraOn(boolean on) {
        setLocal(local.withCamera(on));
    }

    private void setLocal(MediaSwitches switches) {
        if (switches.equals(local)) {
            return;
        }
        local = switches;
        media.switches(switches.cameraOn(), switches.micOn());
        listeners.publish(new SessionEvent.LocalMediaChanged(switches));
        syncMyFlags();
    }

    /** Tells the relay my switches if the accepted call does not show them yet. */
    private void syncMyFlags() {
        String me = connection.me();
        if (currentCallId == null || me == null || !connection.signedIn()) {
            return;
        }
        CallUpdate c = calls.get(currentCallId);
        if (c == null || c.state() != CallState.ACCEPTED) {
            return;
        }
        MediaSwitches mine = local;
        MediaFlags recorded = CallLog.myFlags(c, me);
        if (recorded.videoOn() != mine.cameraOn() || recorded.audioOn() != mine.micOn()) {
            commands.send("setMedia", new MediaState(c.callId(), mine.cameraOn(), mine.micOn()));
        }
    }

    private boolean requireSignedIn(String command) {
        if (!connection.signedIn()) {
            commands.failed(command, Failure.of(FailureKind.NOT_SIGNED_IN));
            return false;
        }
        return true;
    }

    // ---- from the relay --------------------------------------------------------------------------------

    /** The relay's recent calls (after each sign-in); they may include the current one. */
    void history(CallHistory h) {
        boolean changed = false;
        for (CallUpdate c : h.calls()) {
            changed |= applyCall(c, false);
        }
        if (changed) {
            historyChanged();
        }
    }

    /** A call of mine changed on the relay. */
    void updated(CallUpdate c) {
        if (applyCall(c, true)) {
            historyChanged();
        }
    }

    /** Applies one call update; returns whether the history changed. */
    private boolean applyCall(CallUpdate c, boolean live) {
        CallUpdate previous = calls.put(c);
        if (c.equals(previous)) {
            return false;
        }
        CallView view = CallLog.view(c, connection.me());
        boolean isCurrent = currentCallId != null && currentCallId == c.callId();
        if (!c.state().isFinal()) {
            if (currentCallId == null || isCurrent || c.callId() > currentCallId) {
                currentCallId = c.callId();
                currentSnapshot = view;
                if (c.state() == CallState.ACCEPTED) {
                    media.route(c.callId(), view.peer());
                } else {
                    media.unroute();
                }
                listeners.publish(new SessionEvent.CallChanged(view));
                syncMyFlags();
            }
        } else if (isCurrent) {
            endCurrent(view);
        } else if (live && previous == null && view.outgoing() && announcedFinal.add(c.callId())) {
            // a call I just started that ended at once: busy, or missed because the callee is offline
            listeners.publish(new SessionEvent.CallChanged(view));
        }
        return true;
    }

    /**
     * The session ended ({@code SIGNED_OUT}): a current call is over here. The relay hangs up on sign-out;
     * a replaced session's call goes on elsewhere, but not in this model.
     */
    void signedOut() {
        if (currentCallId == null) {
            return;
        }
        endCurrent(CallLog.afterMyHangup(calls.get(currentCallId), connection.me(), Instant.now()));
    }

    private void endCurrent(CallView view) {
        currentCallId = null;
        currentSnapshot = null;
        media.unroute();
        announcedFinal.add(view.callId());
        listeners.publish(new SessionEvent.CallChanged(view));
    }

    /** Forgets every call (a new session) and unroutes the media; publishes nothing. My switches stay. */
    void reset() {
        calls.clear();
        announcedFinal.clear();
        currentCallId = null;
        media.unroute();
        currentSnapshot = null;
        historySnapshot = List.of();
    }

    private void historyChanged() {
        historySnapshot = List.copyOf(calls.history(connection.me()));
        listeners.publish(new SessionEvent.CallHistoryChanged(historySnapshot));
    }
}
