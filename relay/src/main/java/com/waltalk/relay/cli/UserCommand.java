package com.waltalk.relay.cli;

import com.waltalk.protocol.Limits;
import com.waltalk.protocol.UserNames;
import com.waltalk.relay.accounts.Account;
import com.waltalk.relay.accounts.AccountStore;
import com.waltalk.relay.accounts.PasswordHasher;
import com.waltalk.relay.accounts.PasswordPolicy;
import com.waltalk.relay.accounts.UserExistsException;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.db.DatabasePreflight;
import com.waltalk.relay.db.EmbeddedDatabase;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay user add|list|remove}: account administration from the command line, against the
 * same database {@code relay serve} uses (embedded in {@code --data-dir}, or {@code --db}). Exit
 * code 0 on success, 1 with a one-line message on stderr otherwise, 2 for usage errors.
 * One instance per invocation, used by one thread.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = "Manage user accounts. Without --db the embedded database in --data-dir is used "
                + "(stop the relay first: only one process can run it).",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Remove.class,
                CommandLine.HelpCommand.class})
public final class UserCommand implements Runnable {

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final int MAX_STDIN_PASSWORD = 4096;

    // seams for tests; the command line never sets these
    Function<String, String> environment = System::getenv;
    Supplier<Console> console = System::console;
    InputStream stdin = System.in;
    int bcryptCost = PasswordHasher.DEFAULT_COST;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** An expected failure: its message is the whole report. */
    static final class CommandFailure extends Exception {
        CommandFailure(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface DatabaseWork {
        int run(DataSource dataSource, PrintWriter out) throws CommandFailure, SQLException;
    }

    /** Common to the subcommands: opening the database and reporting failures. */
    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        UserCommand parent;

        @Mixin
        DatabaseOptions db;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (CommandFailure e) {
                spec.commandLine().getErr().println("relay user " + spec.name() + ": "
                        + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
                spec.commandLine().getErr().flush();
                return 1;
            }
        }

        abstract int execute() throws CommandFailure;

        int withDatabase(DatabaseWork work) throws CommandFailure {
            EmbeddedDatabase embedded = null;
            try {
                DatabaseEndpoint endpoint;
                if (db.dbUrl == null || db.dbUrl.isBlank()) {
                    try {
                        embedded = EmbeddedDatabase.start(db.dataDir, db.maxSlotWalKeep);
                    } catch (IOException | RuntimeException e) {
                        throw new CommandFailure("cannot start the embedded database in " + db.dataDir + ": "
                                + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                                + " (if the relay is running, stop it or use --db)");
                    }
                    endpoint = new DatabaseEndpoint(embedded.jdbcUrl(), embedded.user(), null);
                } else {
                    try {
                        endpoint = new DatabaseEndpoint(db.dbUrl, db.dbUser, parent.environment.apply(db.dbPasswordEnv));
                    } catch (IllegalArgumentException e) {
                        throw new CommandFailure(e.getMessage());
                    }
                }
                try (Database database = open(endpoint)) {
                    PrintWriter out = spec.commandLine().getOut();
                    int code = work.run(database.pool(), out);
                    out.flush();
                    return code;
                } catch (SQLException e) {
                    throw new CommandFailure("database error: " + e.getMessage());
                }
            } finally {
                if (embedded != null) {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        spec.commandLine().getErr().println("relay user: stopping the embedded database failed: "
                                + e.getMessage());
                    }
                }
            }
        }

        private static Database open(DatabaseEndpoint endpoint) throws CommandFailure {
            try {
                return Database.open(endpoint);
            } catch (DatabasePreflight.MisconfiguredDatabaseException e) {
                throw new CommandFailure(e.getMessage());
            } catch (SQLException | RuntimeException e) {
                throw new CommandFailure("cannot connect to " + endpoint.describe() + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Create a user. The password is read from the terminal without echo, from one line of "
                    + "standard input when there is no terminal, or from --password-env.")
    static final class Add extends Subcommand {
        @Parameters(paramLabel = "NAME",
                description = "1 to " + Limits.MAX_USER_NAME_BYTES + " characters: letters A-Z, digits, '_', '.', '-'")
        String name;

        @Option(names = "--password-env", paramLabel = "VAR",
                description = "read the password from this environment variable (for scripts)")
        String passwordEnv;

        @Override
        int execute() throws CommandFailure {
            if (!UserNames.isValid(name)) {
                throw new CommandFailure(UserNames.RULES);
            }
            String hash;
            char[] password = readPassword();
            try {
                Optional<String> weak = new PasswordPolicy().check(name, password);
                if (weak.isPresent()) {
                    throw new CommandFailure("weak password: " + weak.get());
                }
                hash = new PasswordHasher(parent.bcryptCost).hash(password);
            } finally {
                Arrays.fill(password, '\0');
            }
            return withDatabase((dataSource, out) -> {
                try {
                    Account account = new AccountStore(dataSource).create(name, hash);
                    out.println("added user " + account.name());
                    return 0;
                } catch (UserExistsException e) {
                    throw new CommandFailure(e.getMessage());
                }
            });
        }

        private char[] readPassword() throws CommandFailure {
            if (passwordEnv != null) {
                String value = parent.environment.apply(passwordEnv);
                if (value == null) {
                    throw new CommandFailure("environment variable " + passwordEnv + " is not set");
                }
                return value.toCharArray();
            }
            Console terminal = parent.console.get();
            if (terminal != null) {
                char[] first = terminal.readPassword("Password for %s: ", name);
                if (first == null) {
                    throw new CommandFailure("no password given");
                }
                char[] second = terminal.readPassword("Repeat the password: ");
                try {
                    if (!Arrays.equals(first, second)) {
                        Arrays.fill(first, '\0');
                        throw new CommandFailure("the passwords do not match");
                    }
                } finally {
                    if (second != null) {
                        Arrays.fill(second, '\0');
                    }
                }
                return first;
            }
            return readLine(parent.stdin);
        }

        /** One line of standard input, without building a String of it. */
        private static char[] readLine(InputStream in) throws CommandFailure {
            char[] buf = new char[MAX_STDIN_PASSWORD + 1];
            int n = 0;
            try {
                Reader reader = new InputStreamReader(in, Charset.defaultCharset());
                int ch;
                while (n < buf.length && (ch = reader.read()) >= 0 && ch != '\n') {
                    buf[n++] = (char) ch;
                }
                if (n > 0 && buf[n - 1] == '\r') {
                    n--;
                }
                if (n == 0) {
                    throw new CommandFailure("no password on standard input");
                }
                if (n > MAX_STDIN_PASSWORD) {
                    throw new CommandFailure("the password line on standard input is too long");
                }
                return Arrays.copyOf(buf, n);
            } catch (IOException e) {
                throw new CommandFailure("cannot read the password from standard input: " + e.getMessage());
            } finally {
                Arrays.fill(buf, '\0');
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List users and when they registered.")
    static final class ListUsers extends Subcommand {
        @Override
        int execute() throws CommandFailure {
            return withDatabase((dataSource, out) -> {
                List<Account> accounts = new AccountStore(dataSource).list();
                if (accounts.isEmpty()) {
                    out.println("no users");
                    return 0;
                }
                int width = Math.max("NAME".length(), accounts.stream().mapToInt(a -> a.name().length()).max().orElse(0));
                String row = "%-" + width + "s  %s%n";
                out.printf(row, "NAME", "CREATED (UTC)");
                for (Account a : accounts) {
                    out.printf(row, a.name(), CREATED.format(a.createdAt()));
                }
                return 0;
            });
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Delete a user; its sign-in tokens stop working at once.")
    static final class Remove extends Subcommand {
        @Parameters(paramLabel = "NAME", description = "user name (any letter case)")
        String name;

        @Override
        int execute() throws CommandFailure {
            return withDatabase((dataSource, out) -> {
                if (new AccountStore(dataSource).remove(name)) {
                    out.println("removed user " + name + " and its sign-in tokens");
                } else {
                    out.println("no user named " + name + "; nothing removed");
                }
                return 0;
            });
        }
    }
}
