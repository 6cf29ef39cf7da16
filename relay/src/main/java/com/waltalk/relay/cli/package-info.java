/**
 * The {@code relay} command line (picocli): {@code relay serve} ({@link com.waltalk.relay.cli.ServeCommand},
 * options and environment variables, shutdown hook), {@code relay user} (accounts), and the
 * {@code relay bench} subcommand while the bench lives in this module.
 *
 * <p><b>May use</b>: the root package ({@code Relay}), {@code config}, {@code db}, {@code accounts},
 * {@code bench} ({@code BenchCommand} only), shared-runtime and picocli.
 *
 * <p><b>Used by</b> nothing: it is the entry point ({@code RelayMain}). ({@code bench} starts relays as child
 * processes by naming {@code RelayMain}, not by using it.)
 */
package com.waltalk.relay.cli;
