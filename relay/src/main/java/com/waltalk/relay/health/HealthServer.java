package com.waltalk.relay.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.waltalk.runtime.Threads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Plain-HTTP side port of the relay: {@code GET /healthz} answers 200 with a small JSON status when
 * the relay can serve (database reachable, replication streaming) and 503 otherwise;
 * {@code GET /metrics} answers the relay's metrics in Prometheus text format.
 * Thread-safe.
 */
public final class HealthServer implements AutoCloseable {

    /** A snapshot of the relay's health. */
    public record Status(boolean healthy, String json) {
    }

    private final HttpServer server;

    public HealthServer(InetSocketAddress address, Supplier<Status> status) throws IOException {
        this(address, status, null);
    }

    /** A health server that also serves {@code metrics} (Prometheus text format) at {@code /metrics}, if not null. */
    public HealthServer(InetSocketAddress address, Supplier<Status> status, Supplier<String> metrics)
            throws IOException {
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newSingleThreadExecutor(Threads.named("healthz")));
        server.createContext("/healthz", exchange -> respond(exchange, status.get()));
        if (metrics != null) {
            server.createContext("/metrics", exchange -> respondMetrics(exchange, metrics));
        }
        server.createContext("/", exchange -> {
            byte[] body = "not found\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static void respond(HttpExchange exchange, Status status) throws IOException {
        byte[] body = (status.json() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status.healthy() ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void respondMetrics(HttpExchange exchange, Supplier<String> metrics) throws IOException {
        int code = 200;
        String text;
        try {
            text = metrics.get();
        } catch (RuntimeException e) {
            code = 500;
            text = "# metrics unavailable: " + e + "\n";
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public void start() {
        server.start();
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
