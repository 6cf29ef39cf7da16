package com.waltalk.relay.transport;

import com.waltalk.testing.TestContacts;
import com.waltalk.testing.TestCertificates;
import com.waltalk.relay.Relay;
import com.waltalk.testing.TestMedia;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.waltalk.testing.SimulatedClient;
import com.waltalk.testing.SimulatedClient.Received;
import com.waltalk.relay.config.RelaySettings;
import com.waltalk.relay.transport.TlsContexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.server.DefaultSSLWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A relay with a keystore serves wss:// only. Clients verify its certificate (chain and host name):
 * one that trusts the relay's self-signed certificate talks to it normally; the JDK's default trust
 * store, a plain ws:// client and a certificate for another host name get nowhere. A wrong keystore
 * password stops the relay at start with a clear message.
 */
class TlsIT {

    private static final String PASSWORD = TestCertificates.PASSWORD;
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static Path keystore;
    static Path otherHostKeystore;
    static SSLContext trustRelay;
    static Relay relay;

    @BeforeAll
    static void startRelay() throws Exception {
        keystore = dir.resolve("relay.p12");
        otherHostKeystore = dir.resolve("otherhost.p12");
        TestCertificates.selfSigned(keystore, "relay", "localhost", "ip:127.0.0.1,dns:localhost");
        TestCertificates.selfSigned(otherHostKeystore, "other", "otherhost", "dns:otherhost");
        trustRelay = TestCertificates.trusting(keystore, "relay");
        relay = TestContacts.inContact(Relay.start(RelaySettings.forLoopback(dir.resolve("pg"), "tls_test").withTls(keystore, PASSWORD)));
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aClientTrustingTheRelaysCertificateSignsInCallsAndExchangesMedia() throws Exception {
        String uri = relay.webSocketUri();
        assertThat(uri).startsWith("wss://127.0.0.1:");
        try (SimulatedClient alice = SimulatedClient.signIn(uri, "tls_alice", trustRelay);
             SimulatedClient bob = SimulatedClient.signIn(uri, "tls_bob", trustRelay)) {
            long call = SimulatedClient.establishCall(alice, bob);
            byte[] jpeg = TestMedia.jpeg(40_000, 11);
            alice.sendMedia(TestMedia.video(call, 1, "tls_bob"), ByteBuffer.wrap(jpeg));
            byte[] pcm = TestMedia.pcm(320, 12);
            bob.sendMedia(TestMedia.audio(call, 1, "tls_alice"), ByteBuffer.wrap(pcm));
            Received video = bob.nextMedia(T);
            assertThat(video).isNotNull();
            assertThat(video.frame().header().peer()).isEqualTo("tls_alice");
            assertThat(TestMedia.bytes(video.frame().payload())).isEqualTo(jpeg);
            Received audio = alice.nextMedia(T);
            assertThat(audio).isNotNull();
            assertThat(TestMedia.bytes(audio.frame().payload())).isEqualTo(pcm);
        }
    }

    @Test
    void theJdksDefaultTrustStoreDoesNotTrustTheSelfSignedRelayAndTheRelaySurvivesTheAbortedHandshakes()
            throws Exception {
        int before = relay.sessions().size();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> SimulatedClient.connect(relay.webSocketUri(), null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("could not connect")
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("PKIX", "certification path"));
        }
        assertThat(relay.sessions().size()).as("no session added").isLessThanOrEqualTo(before);
        // clients that gave up on the handshake must not take the server down with them
        try (SimulatedClient after = SimulatedClient.signIn(relay.webSocketUri(), "tls_after", trustRelay)) {
            assertThat(after.isOpen()).isTrue();
        }
    }

    @Test
    void aPlainWebSocketClientGetsNoSessionOnTheTlsPort() throws Exception {
        int before = relay.sessions().size();
        String plain = relay.webSocketUri().replace("wss://", "ws://");
        assertThatThrownBy(() -> SimulatedClient.connect(plain)).isInstanceOf(IOException.class);
        // the same bytes by hand: a cleartext upgrade request gets no WebSocket handshake back
        InetSocketAddress a = relay.webSocketAddress();
        try (java.net.Socket s = new java.net.Socket(a.getAddress(), a.getPort())) {
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = readSome(s.getInputStream());
            assertThat(new String(reply, StandardCharsets.ISO_8859_1)).doesNotContain("101");
        }
        // sessions of earlier tests may still be closing; what matters is that none was added
        assertThat(relay.sessions().size()).isLessThanOrEqualTo(before);
    }

    private static byte[] readSome(InputStream in) {
        try {
            return in.readNBytes(512);
        } catch (IOException closedOrTimedOut) {
            return new byte[0];
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRejectedEvenWhenTrusted() throws Exception {
        // a wss:// server whose certificate is for "otherhost" only, and a client that trusts that certificate
        WebSocketServer other = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
                conn.send("hi");
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket conn, String message) {
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {
            }

            @Override
            public void onStart() {
            }
        };
        other.setWebSocketFactory(new DefaultSSLWebSocketServerFactory(
                TlsContexts.fromPkcs12(otherHostKeystore, PASSWORD.toCharArray())));
        other.start();
        try {
            int port = awaitPort(other);
            SSLContext trustOther = TestCertificates.trusting(otherHostKeystore, "other");

            // control: the same certificate and trust, reached under the name it was issued for, is accepted
            java.util.concurrent.CountDownLatch greeted = new java.util.concurrent.CountDownLatch(1);
            WebSocketClient named = new WebSocketClient(URI.create("wss://otherhost:" + port + "/")) {
                @Override
                public void onOpen(ServerHandshake handshake) {
                }

                @Override
                public void onMessage(String message) {
                    greeted.countDown();
                }

                @Override
                public void onClose(int code, String reason, boolean remote) {
                }

                @Override
                public void onError(Exception ex) {
                }
            };
            named.setDnsResolver(u -> InetAddress.getByAddress("otherhost", new byte[] {127, 0, 0, 1}));
            named.setSocketFactory(trustOther.getSocketFactory());
            try {
                assertThat(named.connectBlocking(10, TimeUnit.SECONDS)).isTrue();
                assertThat(greeted.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                named.closeBlocking();
            }

            // host name verification is on: the certificate is trusted, but it is not for 127.0.0.1
            assertThatThrownBy(() -> SimulatedClient.connect("wss://127.0.0.1:" + port + "/", trustOther))
                    .isInstanceOf(IOException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("subject alternative", "No name matching"));

        } finally {
            other.stop(1_000);
        }
    }

    private static int awaitPort(WebSocketServer server) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (server.getPort() <= 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        // getPort() reports the bound port once the selector has started
        assertThat(server.getPort()).isPositive();
        return server.getPort();
    }

    @Test
    void aWrongKeystorePasswordStopsTheRelayAtStartWithAClearMessage() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> Relay.start(RelaySettings.forLoopback(dir.resolve("pg-wrong"), "tls_wrong")
                .withTls(keystore, "not-the-password")))
                .isInstanceOf(Relay.RelayStartException.class)
                .hasMessageContaining("TLS keystore")
                .hasMessageContaining(keystore.toString())
                .hasMessageContaining("password");
        assertThat((System.nanoTime() - start) / 1e9).as("fails before starting a database").isLessThan(3);
        assertThat(dir.resolve("pg-wrong")).doesNotExist();
    }

    @Test
    void aMissingKeystoreOrOneWithoutAPrivateKeyStopsTheRelayAtStart() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> Relay.start(RelaySettings.forLoopback(dir.resolve("pg-missing"), "tls_missing")
                .withTls(missing, PASSWORD)))
                .isInstanceOf(Relay.RelayStartException.class)
                .hasMessageContaining("TLS keystore")
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file");

        // a trust store (certificate only, no private key) cannot serve TLS
        Path certOnly = dir.resolve("cert-only.p12");
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            source.load(in, PASSWORD.toCharArray());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("relay", source.getCertificate("relay"));
        try (OutputStream out = Files.newOutputStream(certOnly)) {
            ks.store(out, PASSWORD.toCharArray());
        }
        assertThatThrownBy(() -> Relay.start(RelaySettings.forLoopback(dir.resolve("pg-certonly"), "tls_certonly")
                .withTls(certOnly, PASSWORD)))
                .isInstanceOf(Relay.RelayStartException.class)
                .hasMessageContaining("TLS keystore")
                .hasMessageContaining("private key");
    }
}
