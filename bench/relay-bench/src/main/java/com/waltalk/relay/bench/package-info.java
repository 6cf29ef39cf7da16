/**
 * The relay benchmark: simulated 1:1 calls ({@code CallSimulator}, paced streams, latency recording)
 * against a relay child process ({@code RelayProcess}) on an embedded PostgreSQL the benchmark starts
 * itself ({@code BenchDatabase}), with CPU, memory, WAL and raw database capacity measured alongside.
 *
 * <p>May use: the relay's public API, shared-protocol, test-support's {@code SimulatedClient}.
 * Nothing uses it: it lives in module {@code bench/relay-bench}, and no product module or installer
 * contains it (checked by the product modules' architecture tests and installers/ci-check.sh).
 */
package com.waltalk.relay.bench;
