package org.touchpointcrm.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.kafka.common.metadata.UserScramCredentialRecord;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.scram.ScramCredential;
import org.apache.kafka.common.security.scram.internals.ScramFormatter;
import org.apache.kafka.common.security.scram.internals.ScramMechanism;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.ApiMessageAndVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.platform.acls.KafkaAccess;

/**
 * A real single-node KRaft broker (combined broker and controller) in this JVM, from Kafka's own
 * test kit on Maven Central. Settings are those a one-broker cluster needs for exactly-once.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    /** The test kit's name for the clients' listener. */
    private static final String BROKER_LISTENER = "EXTERNAL";
    /** The test kit's name for the controller's listener. */
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaClusterTestKit cluster;

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedBroker start(Path directory) throws Exception {
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

    /**
     * A broker that takes clients only over SASL_SSL with SCRAM-SHA-512 and authorizes every request with the
     * standard authorizer ({@link KafkaSecurity#brokerConfig}); the super user's credential is in the cluster's
     * bootstrap metadata, as {@code kafka-storage.sh format --add-scram} puts it, since the broker itself
     * authenticates with it. The services' principals and ACLs are applied after start
     * ({@link KafkaSecurity#provision}).
     */
    static EmbeddedBroker startSecured(Path directory, KafkaSecurity security) throws Exception {
        UserScramCredentialRecord admin = scramRecord(KafkaSecurity.ADMIN, security.password(KafkaSecurity.ADMIN));
        EmbeddedBroker broker = start(directory, security.brokerConfig(BROKER_LISTENER, CONTROLLER_LISTENER),
                Optional.of(bootstrap -> {
                    List<ApiMessageAndVersion> records = new ArrayList<>(bootstrap.records());
                    records.add(new ApiMessageAndVersion(admin, (short) 0));
                    return BootstrapMetadata.fromRecords(records, "touchpoint-crm local stack");
                }));
        try {
            security.provision(broker.bootstrapServers());
        } catch (Exception | Error e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private static UserScramCredentialRecord scramRecord(String user, String password) throws Exception {
        ScramCredential credential = new ScramFormatter(ScramMechanism.SCRAM_SHA_512)
                .generateCredential(password, KafkaAccess.SCRAM_ITERATIONS);
        return new UserScramCredentialRecord()
                .setName(user)
                .setMechanism(ScramMechanism.SCRAM_SHA_512.type())
                .setSalt(credential.salt())
                .setStoredKey(credential.storedKey())
                .setServerKey(credential.serverKey())
                .setIterations(credential.iterations());
    }

    private static EmbeddedBroker start(Path directory, Map<String, String> listeners) throws Exception {
        return start(directory, listeners, Optional.empty());
    }

    private static EmbeddedBroker start(Path directory, Map<String, String> listeners,
                                        Optional<UnaryOperator<BootstrapMetadata>> bootstrap) throws Exception {
        var nodes = nodes(new TestKitNodes.Builder(), directory);
        if (bootstrap.isPresent()) {
            // The test kit's formatter writes no records of its own; its controller starts from these.
            nodes = nodes(new TestKitNodes.Builder(bootstrap.get().apply(nodes.bootstrapMetadata())), directory);
        }
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
            formatQuietly(cluster);
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return new EmbeddedBroker(cluster);
    }

    /** The test kit's formatter prints its lines to System.out; they belong in the log, not on the terminal. */
    private static void formatQuietly(KafkaClusterTestKit cluster) throws Exception {
        var printed = new ByteArrayOutputStream();
        PrintStream terminal = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            cluster.format();
        } finally {
            System.setOut(terminal);
            printed.toString(StandardCharsets.UTF_8).lines().forEach(line -> log.info("format: {}", line));
        }
    }

    private static TestKitNodes nodes(TestKitNodes.Builder builder, Path directory) {
        return builder.setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(directory)
                .build();
    }

    public String bootstrapServers() {
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
