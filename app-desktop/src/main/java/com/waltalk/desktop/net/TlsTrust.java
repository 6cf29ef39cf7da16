package com.waltalk.desktop.net;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureException;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.TrustStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Enumeration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the client {@link SSLContext} for a relay: the JDK's default trust anchors, or only the
 * certificates of a {@link TrustStore}. There is deliberately no way to trust everything.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
final class TlsTrust {

    private TlsTrust() {
    }

    /**
     * @throws FailureException {@link FailureKind#TRUST_STORE_INVALID} if the trust store cannot be read or
     *     holds no certificate
     */
    static SSLContext context(TrustStore trust) throws FailureException {
        try {
            if (trust == null) {
                return SSLContext.getDefault();
            }
            KeyStore anchors = anchors(trust);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new FailureException(Failure.of(FailureKind.TRUST_STORE_INVALID, trust + ": " + e.getMessage()), e);
        }
    }

    private static KeyStore anchors(TrustStore trust) throws FailureException, GeneralSecurityException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        try {
            anchors.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("an empty in-memory key store cannot fail to load", e);
        }
        int n = 0;
        try (InputStream in = Files.newInputStream(trust.file())) {
            if (trust.format() == TrustStore.Format.PEM) {
                Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
                for (Certificate c : certs) {
                    anchors.setCertificateEntry("pem-" + n++, c);
                }
            } else {
                KeyStore source = KeyStore.getInstance("PKCS12");
                source.load(in, trust.password());
                for (Enumeration<String> aliases = source.aliases(); aliases.hasMoreElements(); ) {
                    Certificate c = source.getCertificate(aliases.nextElement());
                    if (c != null) {
                        anchors.setCertificateEntry("p12-" + n++, c);
                    }
                }
            }
        } catch (IOException e) {
            String why = e.getCause() instanceof java.security.UnrecoverableKeyException
                    ? "wrong password" : e.getMessage();
            throw new FailureException(Failure.of(FailureKind.TRUST_STORE_INVALID, trust + ": " + why), e);
        }
        if (n == 0) {
            throw new FailureException(Failure.of(FailureKind.TRUST_STORE_INVALID, trust + " holds no certificate"));
        }
        return anchors;
    }
}
