package com.waltalk.relay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.relay.accounts.Account;
import com.waltalk.relay.accounts.AccountStore;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.relay.accounts.TestDatabase;
import com.waltalk.relay.accounts.TokenService;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code relay user add|list|remove} against an external database ({@code --db}), a fresh one per test. */
class UserCommandTest {

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

    private long count(String sql) throws Exception {
        try (Connection c = db.pool().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
