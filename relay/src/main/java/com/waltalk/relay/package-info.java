/**
 * The relay as a whole: {@link com.waltalk.relay.Relay} wires every component together, starts them in
 * dependency order and stops them in reverse.
 *
 * <p><b>Owns</b> the composition root and nothing else: no component logic lives here.
 *
 * <p><b>May use</b> every relay package except {@code cli} (the composition root knows every
 * component, and only it does), shared-runtime, Jackson (the {@code /healthz} JSON) and JSSE (the TLS
 * context).
 *
 * <p><b>Must not be used by</b> component packages (RelayArchitectureTest: no cycle through this package).
 * {@code Relay} is used only by {@code cli} and, from outside this module, by the desktop app that hosts
 * a relay, test-support's fixtures and relay-bench.
 */
package com.waltalk.relay;
