package com.waltalk.relay.limits;

import com.waltalk.protocol.control.ControlMessage;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.Hello;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.protocol.ProtocolVersion;
import com.waltalk.protocol.control.Welcome;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Two relays on one fresh database, as a public deployment behind DNS runs them: what one relay counts,
 * the other sees. Clients connect from chosen loopback addresses (127.0.0.x) so that the relays see
 * several source addresses. Used by one test class; not thread-safe to start and close.
 */
final class TwoRelays implements AutoCloseable {

    static final Duration T = Duration.ofSeconds(15);

    final Relay a;
    final Relay b;

    private TwoRelays(Relay a, Relay b) {
        this.a = a;
        this.b = b;
    }

    static TwoRelays start(String prefix, LimitSettings limits) throws Exception {
        return start(prefix, s -> s.withLimits(limits));
    }

    static TwoRelays start(String prefix, UnaryOperator<RelaySettings> change) throws Exception {
        DatabaseEndpoint db = TestDatabase.newDatabaseEndpoint();
        Path dir = Files.createTempDirectory("waltalk-limits-it");
        Relay a = Relay.start(change.apply(RelaySettings.forLoopback(dir.resolve("a"), prefix + "_a")
                .withDatabase(db.jdbcUrl(), db.user(), db.password())));
        try {
            Relay b = Relay.start(change.apply(RelaySettings.forLoopback(dir.resolve("b"), prefix + "_b")
                    .withDatabase(db.jdbcUrl(), db.user(), db.password())));
            return new TwoRelays(a, b);
        } catch (Exception | Error e) {
            a.close();
            throw e;
        }
    }

    /** A greeted connection to {@code relay} from {@code from} (a 127.x.y.z address). */
    static SimulatedClient greeted(Relay relay, String from) throws Exception {
        SimulatedClient c = SimulatedClient.connectFrom(relay.webSocketUri(), from);
        c.sendControl(new Hello(ProtocolVersion.CURRENT, "limits-it"));
        c.awaitControl(Welcome.class, w -> true, T);
        return c;
    }

    /** The answer to {@code message} on {@code c}: {@code signed_in} or an error. */
    static ControlMessage answer(SimulatedClient c, ControlMessage message) throws Exception {
        c.sendControl(message);
        return c.awaitControl(ControlMessage.class, m -> m instanceof SignedIn || m instanceof ErrorMessage, T);
    }

    /**
     * One password sign-in on a connection of its own; the answer. An {@code overloaded} answer (the
     * password checks of a loaded test machine queued for more than 5 s; nothing was counted) is retried.
     */
    static ControlMessage signIn(Relay relay, String from, String user, String password) throws Exception {
        for (int attempt = 0; ; attempt++) {
            ControlMessage m;
            try (SimulatedClient c = greeted(relay, from)) {
                m = answer(c, SignIn.withPassword(user, password));
            }
            if (!(m instanceof ErrorMessage e && e.code().equals("overloaded")) || attempt == 5) {
                return m;
            }
            Thread.sleep(1000);
        }
    }

    /** One registration on a connection of its own; the answer. */
    static ControlMessage register(Relay relay, String from, String user, String invite) throws Exception {
        try (SimulatedClient c = greeted(relay, from)) {
            return answer(c, new Register(user, SimulatedClient.defaultPassword(user), invite));
        }
    }

    /** The error code of an answer, or "signed_in". */
    static String outcome(ControlMessage m) {
        return m instanceof ErrorMessage e ? e.code() : "signed_in";
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
