package org.touchpointcrm.localstack;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft broker (combined broker and controller) in this JVM, from Kafka's own
 * test kit on Maven Central. Settings are those a one-broker cluster needs for exactly-once.
 */
final class EmbeddedBroker implements AutoCloseable {

    /** The test kit's name for the clients' listener. */
    private static final String BROKER_LISTENER = "EXTERNAL";

    private final KafkaClusterTestKit cluster;

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static EmbeddedBroker start(Path directory) throws Exception {
        return start(directory, Map.of());
    }

    /**
     * A broker that tells clients to connect to {@code advertisedPort} (it listens on a port of its
     * own, {@link #listenerPort()}): tests put a proxy there to take the broker away from its
     * clients and give it back.
     */
    static EmbeddedBroker startBehind(Path directory, int advertisedPort) throws Exception {
        return start(directory, Map.of("advertised.listeners", BROKER_LISTENER + "://localhost:" + advertisedPort));
    }

    private static EmbeddedBroker start(Path directory, Map<String, String> listeners) throws Exception {
        var nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(directory)
                .build();
        var builder = new KafkaClusterTestKit.Builder(nodes)
                // One broker: every internal topic has one replica, or transactions (EOS) never start.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // The cleaner's 128 MB default buffer is sized for production brokers.
                .setConfigProp("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024))
                .setConfigProp("auto.create.topics.enable", "false");
        listeners.forEach(builder::setConfigProp);
        var cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedBroker(cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** The port the broker really listens on for clients. */
    int listenerPort() {
        return cluster.brokers().values().iterator().next().boundPort(new ListenerName(BROKER_LISTENER));
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
