package com.waltalk.relay.bench;

import picocli.CommandLine;

/**
 * Entry point of the relay benchmark jar: {@code java -jar bench/relay-bench/target/relay-bench-VERSION.jar
 * --sweep 1,5,10,20,40}. The benchmark is its own module (docs/DECISIONS.md D35): the relay jar, its
 * app-image and the desktop installers carry no benchmark code.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("connections")) {
            System.exit(new CommandLine(new ConnectionsBench()).execute(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        if (args.length > 0 && args[0].equals(HalfOpenFlood.MODE)) {
            System.exit(HalfOpenFlood.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
