package com.waltalk.desktop.net;

import com.waltalk.testing.TestContacts;
import static org.assertj.core.api.Assertions.assertThat;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.ReconnectPolicy;
import com.waltalk.desktop.connection.RelayEndpoint;
import com.waltalk.desktop.connection.TrustStore;
import com.waltalk.desktop.session.Credentials;
import com.waltalk.desktop.session.SessionModel;
import com.waltalk.desktop.session.SessionOptions;
import com.waltalk.relay.Relay;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.testing.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wss:// relay with a self-signed certificate issued for {@code localhost} only: the app signs in when
 * given that certificate as a PKCS12 or PEM trust store, and otherwise gets the specific TLS failure —
 * untrusted with the JDK's defaults, host name mismatch when reached as 127.0.0.1 — and a bad trust store
 * is reported as such.
 */
class TlsConnectionIT {

    private static final String PASSWORD = TestCertificates.PASSWORD;

    @TempDir
    static Path dir;
    static Relay relay;
    static int port;
    static Path trustP12;
    static Path trustPem;

    @BeforeAll
    static void startRelay() throws Exception {
        Path keystore = dir.resolve("relay.p12");
        TestCertificates.selfSigned(keystore, "relay", "localhost", "dns:localhost");
        trustPem = TestCertificates.exportPem(keystore, "relay", dir.resolve("relay.pem"));
        trustP12 = TestCertificates.trustStore(trustPem, "relay", dir.resolve("trust.p12"), "trust-pass");
        relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("pg"), "desktop_tls_test").withTls(keystore, PASSWORD)));
        port = relay.webSocketAddress().getPort();
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    private static Failure failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(20, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(FailureException.class);
            return ((FailureException) e.getCause()).failure();
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void signsInWithAPkcs12OrPemTrustStoreAndTheRightHostName() throws Exception {
        try (SessionModel a = SessionModel.create(); SessionModel b = SessionModel.create()) {
            Credentials ca = a.register(RelayEndpoint.of("wss://localhost:" + port + "/",
                    TrustStore.pkcs12(trustP12, "trust-pass".toCharArray())), "tls_ann", "password-ann")
                    .get(20, TimeUnit.SECONDS);
            assertThat(ca.user()).isEqualTo("tls_ann");
            Credentials cb = b.register(RelayEndpoint.of("wss://localhost:" + port + "/", TrustStore.of(trustPem, null)),
                    "tls_bob", "password-bob").get(20, TimeUnit.SECONDS);
            assertThat(cb.user()).isEqualTo("tls_bob");
            assertThat(a.connection().signedIn()).isTrue();
        }
    }

    @Test
    void eachCertificateProblemIsReportedAsWhatItIs() throws Exception {
        try (SessionModel m = SessionModel.create()) {
            Failure untrusted = failure(m.signIn(RelayEndpoint.of("wss://localhost:" + port + "/"), "x", "y"));
            assertThat(untrusted.kind()).isEqualTo(FailureKind.TLS_UNTRUSTED_CERTIFICATE);
            assertThat(untrusted.userMessage()).contains("not trusted");

            Failure mismatch = failure(m.signIn(RelayEndpoint.of("wss://127.0.0.1:" + port + "/",
                    TrustStore.pem(trustPem)), "x", "y"));
            assertThat(mismatch.kind()).isEqualTo(FailureKind.TLS_HOSTNAME_MISMATCH);
            assertThat(mismatch.detail()).contains("127.0.0.1");

            Failure badStore = failure(m.signIn(RelayEndpoint.of("wss://localhost:" + port + "/",
                    TrustStore.pkcs12(trustP12, "wrong".toCharArray())), "x", "y"));
            assertThat(badStore.kind()).isEqualTo(FailureKind.TRUST_STORE_INVALID);

            Failure noStore = failure(m.signIn(RelayEndpoint.of("wss://localhost:" + port + "/",
                    TrustStore.pem(dir.resolve("missing.pem"))), "x", "y"));
            assertThat(noStore.kind()).isEqualTo(FailureKind.TRUST_STORE_INVALID);

            assertThat(m.connection().signedIn()).isFalse();
        }
        // plain ws:// to the TLS port: the TCP connection opens, but no WebSocket upgrade answer ever comes
        SessionOptions quick = new SessionOptions("test", ReconnectPolicy.DEFAULT, Duration.ofSeconds(2),
                Duration.ofSeconds(5), Duration.ofSeconds(15));
        try (SessionModel m = SessionModel.create(quick)) {
            Failure plain = failure(m.signIn(RelayEndpoint.of("ws://localhost:" + port + "/"), "x", "y"));
            assertThat(plain.kind()).as(plain.detail()).isEqualTo(FailureKind.NOT_A_RELAY);
        }
    }
}
