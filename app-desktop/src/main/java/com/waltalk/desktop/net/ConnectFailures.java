package com.waltalk.desktop.net;

import com.waltalk.desktop.connection.Failure;
import com.waltalk.desktop.connection.FailureKind;
import com.waltalk.desktop.connection.RelayEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what a failed WebSocket connect throws (Tyrus wraps the real cause a few levels deep) into a
 * {@link Failure} a UI can show.
 *
 * <p>Thread-safety: stateless; safe to use from any thread.
 */
final class ConnectFailures {

    private ConnectFailures() {
    }

    static Failure classify(Throwable error, RelayEndpoint endpoint) {
        String where = endpoint.uri().getHost() + ":" + port(endpoint);
        SSLException ssl = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return Failure.of(FailureKind.TLS_CERTIFICATE_EXPIRED, where + ": " + t.getMessage());
            }
            if (t instanceof CertPathBuilderException || t instanceof CertPathValidatorException) {
                return Failure.of(FailureKind.TLS_UNTRUSTED_CERTIFICATE, where + ": " + firstLine(t));
            }
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof java.security.cert.CertificateException
                    && (m.contains("no subject alternative") || m.contains("no name matching"))) {
                return Failure.of(FailureKind.TLS_HOSTNAME_MISMATCH, where + ": " + t.getMessage());
            }
            if (t instanceof SSLException s && ssl == null) {
                ssl = s;
            }
            if (t instanceof UnknownHostException) {
                return Failure.of(FailureKind.RELAY_UNREACHABLE, "unknown host " + endpoint.uri().getHost());
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return Failure.of(FailureKind.RELAY_UNREACHABLE, where + ": " + t.getMessage());
            }
            if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
                return Failure.of(FailureKind.RELAY_UNREACHABLE, where + ": no answer in time");
            }
        }
        if (ssl != null) {
            String m = String.valueOf(ssl.getMessage());
            if (m.toLowerCase(Locale.ROOT).contains("pkix")) {
                return Failure.of(FailureKind.TLS_UNTRUSTED_CERTIFICATE, where + ": " + m);
            }
            if (m.contains("Unsupported or unrecognized SSL message")) {
                return Failure.of(FailureKind.TLS_HANDSHAKE_FAILED, where + " does not speak TLS (try ws://)");
            }
            return Failure.of(FailureKind.TLS_HANDSHAKE_FAILED, where + ": " + m);
        }
        String m = firstLine(error);
        if (m.toLowerCase(Locale.ROOT).contains("timeout") || m.toLowerCase(Locale.ROOT).contains("timed out")) {
            return Failure.of(FailureKind.RELAY_UNREACHABLE, where + ": no answer in time");
        }
        if (endpoint.secure()) {
            return Failure.of(FailureKind.TLS_HANDSHAKE_FAILED, where + ": " + m);
        }
        return Failure.of(FailureKind.NOT_A_RELAY, where + ": " + m);
    }

    private static int port(RelayEndpoint endpoint) {
        int p = endpoint.uri().getPort();
        return p > 0 ? p : endpoint.secure() ? 443 : 80;
    }

    private static String firstLine(Throwable t) {
        String m = String.valueOf(t.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
