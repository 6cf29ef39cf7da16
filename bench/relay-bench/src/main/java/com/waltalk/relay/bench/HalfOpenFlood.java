package com.waltalk.relay.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A slow-handshake attacker in a process of its own (one per source address, so that each stays within the
 * per-process descriptor limit): keeps {@code count} sockets from {@code source} to the relay, each having
 * sent half a WebSocket upgrade; a socket the relay closes (refused, or its handshake deadline passed) is
 * opened again at once. Prints one {@code FLOOD} line per second: sockets held, opened, closed by the relay.
 *
 * <p>Arguments: {@code host port source count seconds}. Single-threaded.
 */
final class HalfOpenFlood {

    static final String MODE = "half-open-flood";
    private static final byte[] HALF_UPGRADE = ("GET / HTTP/1.1\r\nHost: relay\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\n").getBytes(StandardCharsets.US_ASCII);

    private HalfOpenFlood() {
    }

    static int run(String[] args) {
        try {
            InetSocketAddress relay = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
            InetAddress source = InetAddress.getByName(args[2]);
            int count = Integer.parseInt(args[3]);
            long until = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
            flood(relay, source, count, until);
            return 0;
        } catch (IOException | RuntimeException e) {
            System.out.println("FLOOD_ERROR " + e);
            return 1;
        }
    }

    private static void flood(InetSocketAddress relay, InetAddress source, int count, long until) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        long opened = 0;
        long closedByRelay = 0;
        long failed = 0;
        int held = 0;
        long nextReport = System.nanoTime() + 1_000_000_000L;
        try (Selector selector = Selector.open()) {
            while (System.nanoTime() < until) {
                // top up: at most 2,000 per round so that reading (and seeing closes) keeps up
                for (int i = 0; held < count && i < 2_000; i++) {
                    try {
                        SocketChannel ch = SocketChannel.open();
                        ch.setOption(StandardSocketOptions.SO_LINGER, 0);
                        ch.bind(new InetSocketAddress(source, 0));
                        ch.socket().connect(relay, 1_000); // a full accept backlog must not stall the flood
                        ch.write(ByteBuffer.wrap(HALF_UPGRADE));
                        ch.configureBlocking(false);
                        ch.register(selector, SelectionKey.OP_READ);
                        held++;
                        opened++;
                    } catch (IOException e) {
                        failed++;
                        break;
                    }
                }
                selector.select(50);
                for (SelectionKey key : selector.selectedKeys()) {
                    SocketChannel ch = (SocketChannel) key.channel();
                    int n;
                    try {
                        sink.clear();
                        n = ch.read(sink);
                    } catch (IOException reset) {
                        n = -1;
                    }
                    if (n < 0) {
                        key.cancel();
                        ch.close();
                        held--;
                        closedByRelay++;
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() > nextReport) {
                    System.out.println("FLOOD source=" + source.getHostAddress() + " held=" + held + " opened=" + opened
                            + " closedByRelay=" + closedByRelay + " connectFailures=" + failed);
                    System.out.flush();
                    nextReport += 1_000_000_000L;
                }
            }
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
    }
}
