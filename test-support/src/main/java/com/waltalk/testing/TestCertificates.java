package com.waltalk.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS fixture: self-signed relay certificates made with the JDK's own {@code keytool} (so the
 * tests exercise the same PKCS12 files an operator makes with it, docs/OPERATIONS.md), their
 * certificates exported as PEM or as a PKCS12 trust store, and client contexts that trust exactly one
 * certificate.
 *
 * <p>Thread-safety: stateless; each call runs its own {@code keytool} process.
 */
public final class TestCertificates {

    /** The password of every keystore this class makes (the relay's {@code WALTALK_TLS_PASSWORD}). */
    public static final String PASSWORD = "keystore-secret";

    private TestCertificates() {
    }

    /**
     * A PKCS12 keystore with one EC key pair and a self-signed certificate valid for two days.
     *
     * @param keystore the file to create
     * @param alias    the entry's alias
     * @param commonName the subject's CN, e.g. {@code localhost}
     * @param subjectAltNames keytool's SAN list, e.g. {@code "ip:127.0.0.1,dns:localhost"}
     * @return {@code keystore}
     */
    public static Path selfSigned(Path keystore, String alias, String commonName, String subjectAltNames)
            throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=" + commonName, "-ext", "SAN=" + subjectAltNames, "-storetype", "PKCS12", "-validity", "2",
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        return keystore;
    }

    /** Exports the certificate {@code alias} of {@code keystore} as a PEM file. */
    public static Path exportPem(Path keystore, String alias, Path pem) throws IOException, InterruptedException {
        keytool("-exportcert", "-rfc", "-alias", alias, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", pem.toString());
        return pem;
    }

    /** A PKCS12 trust store (password {@code storePassword}) holding the certificate in {@code pem}. */
    public static Path trustStore(Path pem, String alias, Path trustStore, String storePassword)
            throws IOException, InterruptedException {
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString(), "-storepass", storePassword);
        return trustStore;
    }

    /** A client TLS context whose only trust anchor is the certificate {@code alias} of {@code keystore}. */
    public static SSLContext trusting(Path keystore, String alias) throws IOException, GeneralSecurityException {
        KeyStore source = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            source.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = source.getCertificate(alias);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 60 s: " + String.join(" ", args));
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
