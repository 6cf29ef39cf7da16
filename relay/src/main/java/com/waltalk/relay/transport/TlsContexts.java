package com.waltalk.relay.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the relay's TLS context from a PKCS12 keystore (certificate chain + private key). */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @throws IOException if the file is missing or unreadable, or the password is wrong
     * @throws GeneralSecurityException if the keystore holds no private key (a certificate alone cannot serve TLS)
     */
    public static SSLContext fromPkcs12(Path keystore, char[] password) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(keystore)) {
            throw new java.io.FileNotFoundException("no such file");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        boolean hasKey = false;
        for (String alias : java.util.Collections.list(ks.aliases())) {
            hasKey |= ks.isKeyEntry(alias);
        }
        if (!hasKey) {
            // otherwise the relay would start and fail every handshake
            throw new java.security.KeyStoreException("it holds no private key, only certificates");
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }
}
