package com.waltalk.relay.cli;

import com.waltalk.relay.cli.UserCommand.CommandFailure;
import com.waltalk.relay.cli.UserCommand.DatabaseWork;
import com.waltalk.relay.db.Database;
import com.waltalk.relay.db.DatabaseEndpoint;
import com.waltalk.relay.db.DatabasePreflight;
import com.waltalk.relay.db.EmbeddedDatabase;
import com.waltalk.relay.limits.InviteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code relay invite create|list|revoke}: invite codes for a relay whose registration is by
 * invitation ({@code relay serve --registration invite}), against the database {@code relay serve}
 * uses. A code is printed once, when it is created; the database keeps only its SHA-256. Exit code 0
 * on success, 1 with a one-line message on stderr otherwise, 2 for usage errors. One instance per
 * invocation, used by one thread.
 */
@Command(name = "invite", mixinStandardHelpOptions = true,
        description = "Manage invite codes (for --registration invite). Without --db the embedded database in "
                + "--data-dir is used (stop the relay first: only one process can run it).",
        subcommands = {InviteCommand.Create.class, InviteCommand.ListInvites.class, InviteCommand.Revoke.class,
                CommandLine.HelpCommand.class})
public final class InviteCommand implements Runnable {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    // a seam for tests; the command line never sets it
    Function<String, String> environment = System::getenv;
    /** The clock expiries are computed from (tests may fix it). */
    java.util.function.Supplier<Instant> now = Instant::now;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    abstract static class Subcommand implements Callable<Integer> {
        @ParentCommand
        InviteCommand parent;

        @Mixin
        DatabaseOptions db;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            try {
                return execute();
            } catch (CommandFailure e) {
                spec.commandLine().getErr().println("relay invite " + spec.name() + ": "
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
                try (Database database = Database.open(endpoint)) {
                    PrintWriter out = spec.commandLine().getOut();
                    int code = work.run(database.pool(), out);
                    out.flush();
                    return code;
                } catch (DatabasePreflight.MisconfiguredDatabaseException e) {
                    throw new CommandFailure(e.getMessage());
                } catch (SQLException e) {
                    throw new CommandFailure("database error: " + e.getMessage());
                }
            } finally {
                if (embedded != null) {
                    try {
                        embedded.close();
                    } catch (IOException e) {
                        spec.commandLine().getErr().println("relay invite: stopping the embedded database failed: "
                                + e.getMessage());
                    }
                }
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an invite code and print it (only this once).")
    static final class Create extends Subcommand {
        @Option(names = "--uses", defaultValue = "1", description = "registrations the code admits (default ${DEFAULT-VALUE})")
        int uses;

        @Option(names = "--expires", defaultValue = "7d", converter = Converters.DurationConverter.class,
                description = "the code stops working after this long, e.g. 12h, 7d, 30d (default ${DEFAULT-VALUE})")
        Duration expires;

        @Override
        int execute() throws CommandFailure {
            if (uses < 1 || uses > 1_000_000) {
                throw new CommandFailure("--uses must be 1..1000000: " + uses);
            }
            if (expires.isNegative() || expires.isZero()) {
                throw new CommandFailure("--expires must be positive: " + expires);
            }
            Instant until = parent.now.get().plus(expires);
            return withDatabase((dataSource, out) -> {
                InviteStore.Created created = new InviteStore(dataSource).create(uses, until);
                out.println(created.code());
                spec.commandLine().getErr().println("invite " + created.id() + ": " + uses + " use(s), expires "
                        + WHEN.format(until) + " UTC; the code is shown only now");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List invite codes that can still be used (ids, not the codes).")
    static final class ListInvites extends Subcommand {
        @Override
        int execute() throws CommandFailure {
            return withDatabase((dataSource, out) -> {
                List<InviteStore.Invite> invites = new InviteStore(dataSource).list();
                if (invites.isEmpty()) {
                    out.println("no usable invites");
                    return 0;
                }
                String row = "%-8s %-9s %-5s %-17s %s%n";
                out.printf(row, "ID", "USES LEFT", "USED", "CREATED (UTC)", "EXPIRES (UTC)");
                for (InviteStore.Invite i : invites) {
                    out.printf(row, i.id(), i.usesLeft(), i.uses(), WHEN.format(i.createdAt()),
                            i.expiresAt() == null ? "never" : WHEN.format(i.expiresAt()));
                }
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an invite code by its id.")
    static final class Revoke extends Subcommand {
        @Parameters(paramLabel = "ID", description = "the id `relay invite list` shows")
        long id;

        @Override
        int execute() throws CommandFailure {
            return withDatabase((dataSource, out) -> {
                if (new InviteStore(dataSource).revoke(id)) {
                    out.println("revoked invite " + id);
                    return 0;
                }
                throw new CommandFailure("no invite with id " + id);
            });
        }
    }
}
