package com.waltalk.relay.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a benchmark owns outside its own JVM: a temporary directory, the embedded PostgreSQL in it,
 * and at most one relay child process. {@link #close()} stops the relay, stops PostgreSQL and deletes
 * the directory; a shutdown hook does the same on Ctrl-C. Thread-safe.
 */
public final class BenchEnvironment implements AutoCloseable {

    private final Path tempDir;
    private final Thread shutdownHook;
    private volatile BenchDatabase database;
    private volatile RelayProcess relay;
    private volatile boolean closed;

    private BenchEnvironment(Path tempDir) {
        this.tempDir = tempDir;
        this.shutdownHook = new Thread(() -> cleanUp(true), "bench-cleanup");
    }

    /** Creates the directory and starts PostgreSQL in it. */
    public static BenchEnvironment create() throws IOException {
        BenchEnvironment env = new BenchEnvironment(Files.createTempDirectory("waltalk-bench-"));
        Runtime.getRuntime().addShutdownHook(env.shutdownHook);
        try {
            env.database = BenchDatabase.start(env.tempDir.resolve("pgdata"));
        } catch (IOException | RuntimeException e) {
            env.close();
            throw e;
        }
        return env;
    }

    public BenchDatabase database() {
        return database;
    }

    /** Starts a fresh relay child against the database; the previous one must have been stopped. */
    public RelayProcess startRelay(String relayId, RelayLaunch launch, String logName)
            throws IOException, InterruptedException, RelayProcess.RelayProcessException {
        if (closed) {
            throw new IllegalStateException("benchmark is shutting down");
        }
        RelayProcess r = RelayProcess.launch(database.endpoint().jdbcUrl(), database.endpoint().user(), relayId,
                launch, tempDir.resolve(logName));
        relay = r; // known to the shutdown hook before we wait for it
        if (closed) { // raced with the shutdown hook
            r.stop();
            throw new IllegalStateException("benchmark is shutting down");
        }
        r.awaitHealthy();
        return r;
    }

    /** Stops the current relay child, if any. */
    public void stopRelay() {
        RelayProcess r = relay;
        if (r != null) {
            r.stop();
            relay = null;
        }
    }

    /** True once cleanup has begun (e.g. Ctrl-C): errors from here on are expected. */
    public boolean closing() {
        return closed;
    }

    @Override
    public void close() {
        cleanUp(false);
    }

    /**
     * @param interrupted true from the shutdown hook (Ctrl-C): the relay is killed rather than asked to
     *     stop, because the database's own shutdown hook is stopping PostgreSQL at the same time and a
     *     fast shutdown waits for connected WAL senders
     */
    private synchronized void cleanUp(boolean interrupted) {
        if (closed) {
            return;
        }
        closed = true;
        RelayProcess r = relay;
        if (interrupted && r != null) {
            r.kill();
        }
        stopRelay();
        BenchDatabase db = database;
        if (db != null) {
            try {
                db.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("bench: could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
        deleteRecursively(tempDir);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: this is the hook
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
