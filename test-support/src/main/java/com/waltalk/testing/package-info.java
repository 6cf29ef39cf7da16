/**
 * The fixtures WalTalk's tests and benchmarks share, each defined once: {@link com.waltalk.testing.TestDatabase}
 * (a real embedded PostgreSQL, a fresh migrated database per test class), {@link com.waltalk.testing.RunningRelay}
 * (a real relay in this JVM), {@link com.waltalk.testing.ChildRelay} (a relay process, for kill -9 and
 * multi-relay tests), {@link com.waltalk.testing.TestCertificates} (keytool-made TLS keystores and trust
 * stores), {@link com.waltalk.testing.SimulatedClient} (a client written from docs/PROTOCOL.md, with the
 * masking draft it needs), {@link com.waltalk.testing.TestMedia}, {@link com.waltalk.testing.CameraLikeImage}
 * and {@link com.waltalk.testing.MutableClock}.
 *
 * <p>May use: the relay's public API, shared-protocol, shared-runtime, JUnit's API, AssertJ. Used by:
 * relay-it, app-desktop's tests and the benchmarks — never by a product module (the architecture tests of
 * relay and app-desktop fail on it, and installers/ci-check.sh fails if an installer holds it).
 */
package com.waltalk.testing;
