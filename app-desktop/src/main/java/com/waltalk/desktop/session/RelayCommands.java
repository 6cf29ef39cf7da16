package com.waltalk.desktop.session;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.net.ErrorCodes;
import com.waltalk.desktop.net.RelayClient;
import com.waltalk.protocol.ErrorCode;
import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's commands on their way to the relay, and the relay's {@code error}s on their way back as
 * {@link SessionEvent.CommandFailed}. The relay does not say which request an {@code error} answers, so it
 * is blamed on the last command sent: commands are rare and answered within a round trip.
 *
 * <p>Thread-safety: not thread-safe; confined to the session thread.
 */
final class RelayCommands {

    private static final Logger log = LoggerFactory.getLogger(RelayCommands.class);

    private final RelayClient client;
    private final SessionListeners listeners;
    private String lastCommand = "relay";
    private String lastSubject;

    RelayCommands(RelayClient client, SessionListeners listeners) {
        this.client = client;
        this.listeners = listeners;
    }

    /** Sends {@code message} as the user's {@code command}; fails the command if the connection is down. */
    void send(String command, ControlMessage message) {
        send(command, null, message);
    }

    /**
     * Sends {@code message} as the user's {@code command} about the user {@code subject} (named in a failure,
     * so the UI can say "Nobody is called X"); fails the command if the connection is down.
     */
    void send(String command, String subject, ControlMessage message) {
        lastCommand = command;
        lastSubject = subject;
        if (!client.send(message)) {
            failed(command, subject, Failure.of(FailureKind.NOT_SIGNED_IN, "the connection is down"));
        }
    }

    /**
     * Sends {@code message} again on a new connection (a pending chat line after a reconnect): not a
     * command of its own, so it neither takes the blame for errors nor fails when the connection is gone.
     */
    void resend(ControlMessage message) {
        client.send(message);
    }

    void failed(String command, Failure failure) {
        failed(command, null, failure);
    }

    void failed(String command, String subject, Failure failure) {
        listeners.publish(new SessionEvent.CommandFailed(command, subject, failure));
    }

    /** An {@code error} from the relay while signed in. */
    void relayError(ErrorMessage e) {
        Optional<ErrorCode> code = ErrorCode.fromWire(e.code());
        // media in flight around a call's end, and media under load: expected, not a command's failure
        if (code.isPresent() && (code.get() == ErrorCode.NOT_IN_CALL && !lastCommand.equals("setMedia")
                || code.get() == ErrorCode.OVERLOADED)) {
            log.debug("relay: {} {}", e.code(), e.message());
            return;
        }
        failed(lastCommand, lastSubject, ErrorCodes.toFailure(e, false));
    }
}
