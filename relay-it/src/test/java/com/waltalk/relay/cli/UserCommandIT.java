package com.waltalk.relay.cli;

import com.waltalk.testing.TestContacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.protocol.control.CallAccept;
import com.waltalk.protocol.control.CallStart;
import com.waltalk.protocol.control.CallState;
import com.waltalk.protocol.control.CallUpdate;
import com.waltalk.protocol.control.Chat;
import com.waltalk.protocol.control.Contacts;
import com.waltalk.protocol.control.ErrorMessage;
import com.waltalk.protocol.control.ContactEntry;
import com.waltalk.protocol.control.Register;
import com.waltalk.protocol.control.SignIn;
import com.waltalk.protocol.control.SignedIn;
import com.waltalk.relay.Relay;
import com.waltalk.relay.accounts.Account;
import com.waltalk.relay.accounts.AccountStore;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.testing.TestDatabase;
import com.waltalk.relay.accounts.TokenService;
import com.waltalk.testing.SimulatedClient;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code relay user add|list|remove} against an external database ({@code --db}), a fresh one per test. */
class UserCommandIT {

    private static final Duration T = Duration.ofSeconds(10);

    private DatabaseEndpoint endpoint;
    private Database db;

    private final Map<String, String> env = new HashMap<>();
    private String stdin = "";
    private String out;
    private String err;

    @BeforeEach
    void open() throws Exception {
        endpoint = TestDatabase.newDatabaseEndpoint();
        db = Database.open(endpoint);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private int run(String... args) {
        UserCommand command = new UserCommand();
        command.environment = env::get;
        command.console = () -> null;
        command.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
        command.bcryptCost = 4;
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", endpoint.jdbcUrl(), "--db-user", endpoint.user()));
        int code = new CommandLine(command).setOut(new PrintWriter(o, true)).setErr(new PrintWriter(e, true))
                .execute(all.toArray(String[]::new));
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void addListRemove() throws Exception {
        env.put("ALICE_PW", "correct horse battery");
        assertThat(run("add", "Alice", "--password-env", "ALICE_PW")).isZero();
        assertThat(out).isEqualTo("added user Alice" + System.lineSeparator());
        assertThat(err).isEmpty();

        Account alice = new AccountStore(db.pool()).find("alice").orElseThrow();
        assertThat(new PasswordHasher(4).verify("correct horse battery".toCharArray(), alice.passwordHash())).isTrue();

        stdin = "stdin password\nignored second line\n";
        assertThat(run("add", "bob_the.builder-2")).isZero();
        assertThat(new PasswordHasher(4).verify("stdin password".toCharArray(),
                new AccountStore(db.pool()).find("bob_the.builder-2").orElseThrow().passwordHash())).isTrue();

        assertThat(run("list")).isZero();
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("NAME               CREATED (UTC)");
        assertThat(lines.get(1)).matches("Alice              \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        assertThat(lines.get(2)).matches("bob_the\\.builder-2  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

        new TokenService(db.pool()).issue(alice.id());
        assertThat(run("remove", "ALICE")).isZero();
        assertThat(out).startsWith("removed user ALICE");
        assertThat(count("SELECT count(*) FROM auth_tokens")).isZero();
        assertThat(run("remove", "alice")).isZero();
        assertThat(out).startsWith("no user named alice");
        assertThat(run("list")).isZero();
        assertThat(out.lines().toList()).hasSize(2);
    }

    @Test
    void failuresExitWithOneAndOneLineOnStderr() throws Exception {
        env.put("PW", "good password");
        assertThat(run("add", "carl", "--password-env", "PW")).isZero();

        assertThat(run("add", "CARL", "--password-env", "PW")).isEqualTo(1);
        assertThat(err).isEqualTo("relay user add: user 'CARL' already exists" + System.lineSeparator());

        env.put("WEAK", "short");
        assertThat(run("add", "dora", "--password-env", "WEAK")).isEqualTo(1);
        assertThat(err).isEqualTo("relay user add: weak password: password must have at least 8 characters"
                + System.lineSeparator());
        env.put("SAME", "Dora1234");
        assertThat(run("add", "dora1234", "--password-env", "SAME")).isEqualTo(1);
        assertThat(err).contains("password must not be the user name");

        assertThat(run("add", "dora", "--password-env", "UNSET")).isEqualTo(1);
        assertThat(err).contains("environment variable UNSET is not set");

        stdin = "";
        assertThat(run("add", "dora")).isEqualTo(1);
        assertThat(err).contains("no password on standard input");

        assertThat(run("add", "no spaces", "--password-env", "PW")).isEqualTo(1);
        assertThat(err).contains("user names are 1 to 32 characters");
        assertThat(new AccountStore(db.pool()).find("dora")).isEmpty();

        int code = new CommandLine(new UserCommand()).setErr(new PrintWriter(new StringWriter(), true))
                .execute("list", "--db", "mysql://nope");
        assertThat(code).isEqualTo(1);
        assertThat(run("add")).as("usage error").isEqualTo(2);
    }

    /**
     * The operator's commands against the database of a running relay with closed registration: a user
     * added from the command line signs in over a WebSocket and shows up live in others' directories;
     * removing a signed-in user ends that user's session at once ({@code account_removed}, 4002), hangs up
     * their call, and leaves nothing they can sign in or be called with.
     */
    @Test
    void usersAddedAndRemovedWhileAClosedRelayRunsTakeEffectLive(@TempDir Path dir) throws Exception {
        String slot = null;
        try (Relay relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir, "user_cmd_live")
                .withDatabase(endpoint.jdbcUrl(), endpoint.user(), null).withRegistration(false)))) {
            slot = relay.settings().slotName();
            env.put("PW", "carols password");
            assertThat(run("add", "carol", "--password-env", "PW")).isZero();
            try (SimulatedClient carol = SimulatedClient.connect(relay.webSocketUri());
                 SimulatedClient dave = SimulatedClient.connect(relay.webSocketUri())) {
                assertThat(carol.hello().registrationOpen()).isFalse();
                carol.sendControl(new Register("dave", "daves password"));
                assertThat(carol.nextError(T).code()).isEqualTo("registration_closed");
                carol.sendControl(SignIn.withPassword("carol", "carols password"));
                carol.awaitControl(SignedIn.class, in -> true, T);
                Contacts before = carol.awaitControl(Contacts.class, d -> true, T);
                assertThat(before.contacts()).as("carol has no contacts yet (she is the only user)").isEmpty();

                env.put("PW", "daves password");
                assertThat(run("add", "dave", "--password-env", "PW")).isZero();
                carol.awaitStatus("dave", "offline", T);
                dave.hello();
                dave.sendControl(SignIn.withPassword("dave", "daves password"));
                String daveToken = dave.awaitControl(SignedIn.class, in -> true, T).token();
                carol.awaitStatus("dave", "online", T);

                carol.sendControl(new CallStart("dave"));
                long call = dave.awaitControl(CallUpdate.class, u -> u.state() == CallState.RINGING, T).callId();
                dave.sendControl(new CallAccept(call));
                carol.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ACCEPTED, T);
                dave.awaitControl(CallUpdate.class, u -> u.callId() == call && u.state() == CallState.ACCEPTED, T);
                dave.sendChat("carol", "still here", "d-1");
                carol.awaitControl(Chat.class, m -> "d-1".equals(m.clientMsgId()), T);

                assertThat(run("remove", "DAVE")).isZero();
                long removedAt = System.nanoTime();
                assertThat(dave.awaitClosed(T)).isTrue();
                Duration took = Duration.ofNanos(System.nanoTime() - removedAt);
                assertThat(took).as("the removed user's session ends promptly").isLessThan(Duration.ofSeconds(3));
                assertThat(dave.closeCode()).isEqualTo(4002);
                assertThat(dave.closeReason()).isEqualTo("account_removed");
                ErrorMessage why = dave.errorsSeen().get(dave.errorsSeen().size() - 1);
                assertThat(why.code()).isEqualTo("account_removed");
                assertThat(why.fatal()).isTrue();

                CallUpdate ended = carol.awaitControl(CallUpdate.class, u -> u.callId() == call && u.endedAtMicros() != null, T);
                assertThat(ended.state()).isEqualTo(CallState.ENDED);
                assertThat(ended.endedBy()).as("hung up at once, not after the reconnect grace").isEqualTo("dave");
                carol.awaitStatus("dave", "offline", T);

                // nothing left to sign in with, call or write to
                for (SignIn attempt : List.of(SignIn.withPassword("dave", "daves password"), SignIn.withToken(daveToken))) {
                    try (SimulatedClient again = SimulatedClient.connect(relay.webSocketUri())) {
                        again.hello();
                        again.sendControl(attempt);
                        assertThat(again.nextError(T).code()).isEqualTo("bad_credentials");
                    }
                }
                carol.sendControl(new CallStart("dave"));
                assertThat(carol.nextError(T).code()).isEqualTo("unknown_peer");
                carol.sendChat("dave", "are you there?", null);
                assertThat(carol.nextError(T).code()).isEqualTo("unknown_peer");
                assertThat(count("SELECT count(*) FROM presence WHERE user_name = 'dave'")).isZero();
                // the account is an identity: its messages and calls went with it (issue 12)
                assertThat(count("SELECT count(*) FROM chat_messages WHERE sender = 'dave'")).isZero();
                assertThat(count("SELECT count(*) FROM calls WHERE caller = 'dave' OR callee = 'dave'")).isZero();
                assertThat(carol.isOpen()).isTrue();
            }
        } finally {
            if (slot != null) {
                dropSlot(slot);
            }
        }
    }

    /** The shared test server's slots outlive this database's relay: drop it once its walsender is gone. */
    private void dropSlot(String slot) throws Exception {
        try (Connection c = db.pool().getConnection();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name) "
                     + "FROM pg_replication_slots WHERE slot_name = ? AND NOT active");
             java.sql.PreparedStatement exists = c.prepareStatement(
                     "SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            ps.setString(1, slot);
            exists.setString(1, slot);
            long deadline = System.nanoTime() + T.toNanos();
            while (System.nanoTime() < deadline) {
                ps.executeQuery().close();
                try (ResultSet rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
