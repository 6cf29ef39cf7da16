package com.waltalk.relay.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code relay} command. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = RelayMain.Version.class,
        description = "WalTalk relay: WebSocket clients in, PostgreSQL logical replication out.",
        subcommands = {ServeCommand.class, UserCommand.class, InviteCommand.class, CommandLine.HelpCommand.class})
public final class RelayMain implements Runnable {

    public static void main(String[] args) {
        if (serving(args) && !OutOfMemoryExit.inForce()) {
            int status = OutOfMemoryExit.relaunch(args);
            if (status >= 0) {
                System.exit(status);
            }
        }
        OutOfMemoryExit.followParent();
        int code = new CommandLine(new RelayMain()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (code != 0 || !"serve".equals(args.length > 0 ? args[0] : "")) {
            System.exit(code);
        }
    }

    /** {@code serve} itself, not its help. */
    private static boolean serving(String[] args) {
        if (args.length == 0 || !"serve".equals(args[0])) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RelayMain.class.getPackage().getImplementationVersion();
            return new String[] {"WalTalk relay " + (v == null ? "(development build)" : v)};
        }
    }
}
