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
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }
}
