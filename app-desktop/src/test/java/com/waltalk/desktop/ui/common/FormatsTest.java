package com.waltalk.desktop.ui.common;

import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = ZonedDateTime.of(2026, 11, 21, 15, 0, 0, 0, ZONE).toInstant();

    @Test
    void durations() {
        assertThat(Formats.duration(Duration.ZERO)).isEqualTo("0:00");
        assertThat(Formats.duration(Duration.ofSeconds(247))).isEqualTo("4:07");
        assertThat(Formats.duration(Duration.ofSeconds(3729))).isEqualTo("1:02:09");
        assertThat(Formats.duration(Duration.ofSeconds(-5))).isEqualTo("0:00");
    }

    @Test
    void timesAreAsShortAsUnambiguous() {
        assertThat(Formats.when(at(2026, 11, 21, 9, 5), NOW, ZONE)).isEqualTo("09:05");
        assertThat(Formats.when(at(2026, 11, 20, 23, 59), NOW, ZONE)).isEqualTo("Yesterday 23:59");
        assertThat(Formats.when(at(2026, 11, 17, 8, 0), NOW, ZONE)).isEqualTo("Tue 08:00");
        assertThat(Formats.when(at(2026, 3, 3, 14, 5), NOW, ZONE)).isEqualTo("3 Mar 14:05");
        assertThat(Formats.when(at(2025, 12, 24, 18, 0), NOW, ZONE)).isEqualTo("24 Dec 2025");
    }

    @Test
    void microsecondsBecomeInstants() {
        assertThat(Formats.fromMicros(1_700_000_000_123_456L))
                .isEqualTo(Instant.ofEpochSecond(1_700_000_000L, 123_456_000L));
        assertThat(Formats.fromMicros(-1)).isEqualTo(Instant.ofEpochSecond(-1, 999_999_000L));
    }

    @Test
    void initials() {
        assertThat(Avatar.initials("ada lovelace")).isEqualTo("AL");
        assertThat(Avatar.initials("grace.hopper")).isEqualTo("GH");
        assertThat(Avatar.initials("bob")).isEqualTo("B");
        assertThat(Avatar.initials("bob-3x")).isEqualTo("B");
        assertThat(Avatar.initials("  ")).isEqualTo("?");
        assertThat(Avatar.colourFor("alice")).isEqualTo(Avatar.colourFor("alice"));
    }

    @Test
    void signInFailuresReadAsSentencesThatSayWhatToDo() {
        Failure unreachable = FailureText.unwrap(new CompletionException(
                new FailureException(Failure.of(FailureKind.RELAY_UNREACHABLE, "Connection refused"))));
        assertThat(FailureText.forSignIn(unreachable, "ws://10.0.0.2:8787"))
                .isEqualTo("Cannot reach the relay at ws://10.0.0.2:8787. Check the address and that the relay is running.");
        Failure cert = Failure.of(FailureKind.TLS_UNTRUSTED_CERTIFICATE, "PKIX path building failed");
        assertThat(FailureText.forSignIn(cert, "wss://r:8787")).startsWith("Certificate problem:");
        assertThat(FailureText.isCertificateProblem(cert)).isTrue();
        assertThat(FailureText.isCertificateProblem(unreachable)).isFalse();
        assertThat(FailureText.forSignIn(Failure.of(FailureKind.WRONG_CREDENTIALS), "x"))
                .isEqualTo("Wrong user name or password.");
        assertThat(FailureText.forSignIn(new Failure(FailureKind.ACCOUNT_REMOVED,
                "account_removed: this account was removed by the relay's operator", -1), "x"))
                .as("no protocol detail on the sign-in screen")
                .isEqualTo("Your account was removed from this relay by its operator.");
        assertThat(FailureText.unwrap(new IllegalStateException("boom")).detail()).isEqualTo("boom");
    }

    private static Instant at(int y, int mo, int d, int h, int mi) {
        return ZonedDateTime.of(y, mo, d, h, mi, 0, 0, ZONE).toInstant();
    }
}
