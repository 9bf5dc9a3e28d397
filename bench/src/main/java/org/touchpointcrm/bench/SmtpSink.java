package org.touchpointcrm.bench;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

import org.subethamail.smtp.server.SMTPServer;

/**
 * The notifier benchmark's SMTP server: SubEthaSMTP (the maintained fork) on 127.0.0.1, a virtual thread per
 * connection, that keeps no message, only each Message-ID's count and the first and last arrival. GreenMail,
 * which the local stack uses to show mail, copies every message into a mailbox and takes about 50 ms per message
 * here: the sink, not the notifier, would be measured.
 */
final class SmtpSink implements AutoCloseable {

    private static final byte[] MESSAGE_ID = "\nmessage-id:".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, AtomicLong> byMessageId = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final LongAccumulator firstMillis = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator lastMillis = new LongAccumulator(Math::max, Long.MIN_VALUE);
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final SMTPServer server;

    private SmtpSink() throws Exception {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .executorService(connections)
                .maxConnections(1_000)
                .messageHandler((context, from, to, data) -> arrived(data))
                .build();
    }

    static SmtpSink start() throws Exception {
        var sink = new SmtpSink();
        sink.server.start();
        return sink;
    }

    int port() {
        return server.getPortAllocated();
    }

    private void arrived(byte[] data) {
        long now = System.currentTimeMillis();
        byMessageId.computeIfAbsent(messageId(data), id -> new AtomicLong()).incrementAndGet();
        received.incrementAndGet();
        firstMillis.accumulate(now);
        lastMillis.accumulate(now);
    }

    /** The Message-ID header's value, or "" without one; only the header block is searched. */
    static String messageId(byte[] data) {
        int end = headerEnd(data);
        outer:
        for (int i = 0; i + MESSAGE_ID.length <= end; i++) {
            for (int j = 0; j < MESSAGE_ID.length; j++) {
                if (Character.toLowerCase(data[i + j]) != MESSAGE_ID[j]) {
                    continue outer;
                }
            }
            int from = i + MESSAGE_ID.length;
            int to = from;
            while (to < data.length && data[to] != '\r' && data[to] != '\n') {
                to++;
            }
            return new String(data, from, to - from, StandardCharsets.US_ASCII).strip();
        }
        return "";
    }

    private static int headerEnd(byte[] data) {
        for (int i = 0; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i + 1;
            }
        }
        return data.length;
    }

    /** Messages taken, duplicates included. */
    long received() {
        return received.get();
    }

    /** How often each Message-ID arrived. */
    Map<String, AtomicLong> byMessageId() {
        return byMessageId;
    }

    /** When the first and the last message was taken (epoch milliseconds); MAX_VALUE and MIN_VALUE before any. */
    long firstMillis() {
        return firstMillis.get();
    }

    long lastMillis() {
        return lastMillis.get();
    }

    /** Forgets what was counted, between the benchmark's phases. */
    void reset() {
        byMessageId.clear();
        received.set(0);
        firstMillis.reset();
        lastMillis.reset();
    }

    @Override
    public void close() {
        server.stop();
        connections.shutdownNow();
    }
}
