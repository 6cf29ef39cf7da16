/**
 * The {@code relay} command line (picocli): {@code relay serve} ({@link com.waltalk.relay.cli.ServeCommand},
 * options and environment variables, shutdown hook) and {@code relay user} (accounts).
 *
 * <p><b>May use</b>: the root package ({@code Relay}), {@code config}, {@code db}, {@code accounts},
 * shared-runtime and picocli.
 *
 * <p><b>Used by</b> nothing in the relay: it is the entry point ({@code RelayMain}). (Fixtures and
 * relay-bench start relays as child processes by naming {@code RelayMain}, not by using it.)
 */
package com.waltalk.relay.cli;
