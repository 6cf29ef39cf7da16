package com.waltalk.desktop.connection;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A custom set of trusted certificates for a relay with a self-signed (or private CA) certificate.
 * When given, it replaces the JDK's default trust anchors for that relay; host name verification stays
 * on either way.
 *
 * <p>Thread-safety: immutable; safe to share between threads. The password array is copied.
 *
 * @param file     a PKCS12 key store ({@code .p12}/{@code .pfx}) or a PEM file with one or more
 *                 {@code -----BEGIN CERTIFICATE-----} blocks
 * @param format   how to read {@code file}
 * @param password the PKCS12 store's password (may be {@code null} or empty for PEM or a store without one)
 */
public record TrustStore(Path file, Format format, char[] password) {

    /** The file formats a trust store can have. */
    public enum Format { PKCS12, PEM }

    public TrustStore {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        password = password == null ? new char[0] : password.clone();
    }

    /** A PEM file of certificates. */
    public static TrustStore pem(Path file) {
        return new TrustStore(file, Format.PEM, null);
    }

    /** A PKCS12 store; its certificate entries become the trust anchors. */
    public static TrustStore pkcs12(Path file, char[] password) {
        return new TrustStore(file, Format.PKCS12, password);
    }

    /** Guesses the format from the file name: {@code .pem}, {@code .crt}, {@code .cer} are PEM, anything else PKCS12. */
    public static TrustStore of(Path file, char[] password) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        boolean pem = name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer");
        return new TrustStore(file, pem ? Format.PEM : Format.PKCS12, password);
    }

    @Override
    public char[] password() {
        return password.clone();
    }

    @Override
    public String toString() {
        return "TrustStore[" + format + " " + file + "]";
    }
}
