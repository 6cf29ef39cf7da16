package com.waltalk.desktop.ui;

import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.RunningRelay;
import java.time.Duration;

/**
 * How the UI tests configure test-support's {@link RunningRelay}: a short ring timeout so "missed" tests are quick,
 * and a reconnect grace longer than a relay restart. {@link #shared()} is one relay per test JVM; tests use unique
 * user names so they do not see each other's calls.
 */
final class UiRelays {

    /** The ring timeout of test relays: an unanswered call is missed after this. */
    static final Duration RING_TIMEOUT = Duration.ofSeconds(4);

    private UiRelays() {
    }

    static RelaySettings.Timeouts timeouts() {
        return RelaySettings.Timeouts.DEFAULT.withRingTimeout(RING_TIMEOUT).withReconnectGrace(Duration.ofSeconds(20));
    }

    /** A relay configured for UI tests; {@link RunningRelay#start()} it or take the {@link #shared()} one. */
    static RunningRelay configured() {
        return RunningRelay.loopback("app").withTimeouts(timeouts());
    }

    /** The relay all UI tests of this JVM share. */
    static RunningRelay shared() throws Exception {
        return configured().shared();
    }

    /**
     * The relay the contact tests of this JVM share: its users start as strangers, as in production (on the
     * others every account is a contact of every other, see test-support's {@code TestContacts}).
     */
    static RunningRelay strangers() throws Exception {
        return RunningRelay.loopback("app_strangers").withTimeouts(timeouts()).withStrangers().shared();
    }

    /** A new relay of its own; the caller closes it. */
    static RunningRelay start() throws Exception {
        return configured().start();
    }
}
