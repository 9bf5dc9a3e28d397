package org.touchpointcrm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.touchpointcrm.localstack.EmbeddedBroker;
import org.touchpointcrm.localstack.EmbeddedRegistry;
import org.touchpointcrm.localstack.FreePort;
import org.touchpointcrm.localstack.LocalStack;

/** What the segmentation and restore benchmarks run on: a KRaft broker in this JVM and the registry beside it. */
final class BrokerAndRegistry {

    private static final Duration POLL_EVERY = Duration.ofMillis(100);

    private BrokerAndRegistry() {
    }

    /** A benchmark's run against a broker and a registry; false when it did not complete. */
    interface Run {
        boolean run(String bootstrapServers, String registryUrl) throws Exception;
    }

    /**
     * Starts a KRaft broker in this JVM and the registry next to it, with their data in {@code data}
     * (emptied first), runs the benchmark, stops both (also on Ctrl-C) and exits 0 if it completed.
     */
    static void run(Path dataDirectory, Run benchmark) throws Exception {
        quietLogging();
        Path data = dataDirectory.toAbsolutePath();
        LocalStack.emptyDirectory(data);
        Path registryHome = IngestBenchmark.registryHome();
        var running = new ArrayList<AutoCloseable>();
        var closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                System.out.println("Stopping the broker and the registry...");
                for (AutoCloseable part : running.reversed()) {
                    try {
                        part.close();
                    } catch (Exception e) {
                        System.err.println("stopping " + part.getClass().getSimpleName() + " failed: " + e);
                    }
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-stop").unstarted(stop));
        boolean clean;
        try {
            Instant begun = Instant.now();
            System.out.printf("Starting a KRaft broker and the registry (data in %s, registry from %s)...%n", data, registryHome);
            var broker = EmbeddedBroker.start(data.resolve("kafka"));
            running.add(broker);
            var registry = EmbeddedRegistry.start(registryHome, FreePort.pick(), FreePort.pick(),
                    data.resolve("logs/schema-registry.log"));
            running.add(registry);
            System.out.printf(Locale.ROOT, "Up in %.1f s: Kafka %s, registry %s (process %d)%n",
                    Duration.between(begun, Instant.now()).toMillis() / 1000.0, broker.bootstrapServers(), registry.url(),
                    registry.pid());
            clean = benchmark.run(broker.bootstrapServers(), registry.url().toString());
        } finally {
            stop.run();
        }
        System.exit(clean ? 0 : 1);
    }

    /**
     * A new topic's partitions take a moment to get a leader that serves them; an idempotent producer
     * that writes before that gets NOT_LEADER_OR_FOLLOWER and, on this one-broker cluster, may then
     * retry into OUT_OF_ORDER_SEQUENCE_NUMBER until its batches expire. Listing every partition's end
     * offset succeeds only once each has a serving leader.
     */
    static void awaitLeaders(Admin admin, List<String> topics, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                var ends = new HashMap<TopicPartition, OffsetSpec>();
                admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((name, description) ->
                        description.partitions().forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                last = e;
                LockSupport.parkNanos(POLL_EVERY.toNanos());
            }
        }
        throw new IllegalStateException("the new topics have no serving leader within " + within, last);
    }

    /**
     * The broker and the pass-through app log much at INFO; the benchmark keeps its log (the local stack's
     * logback.xml) to warnings, so that what it measures is not the logging.
     */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
