package org.touchpointcrm.crmctl;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One run's way into Kafka: an admin client checked to answer, and consumers and producers made with
 * the same address, security settings and short timeouts, so that no command waits longer than it says.
 */
public final class KafkaConnection implements AutoCloseable {

    private static final String CLIENT_ID = "crmctl";

    private final String bootstrapServers;
    private final Map<String, Object> common;
    private final Duration timeout;
    private final Admin admin;

    private KafkaConnection(String bootstrapServers, Map<String, Object> common, Duration timeout, Admin admin) {
        this.bootstrapServers = bootstrapServers;
        this.common = common;
        this.timeout = timeout;
        this.admin = admin;
    }

    /**
     * @param commandConfig client properties that apply to every client (security settings, mostly)
     * @throws CrmctlException when the cluster does not answer within {@code timeout}
     */
    public static KafkaConnection open(String bootstrapServers, Properties commandConfig, Duration timeout) {
        Map<String, Object> common = new HashMap<>();
        commandConfig.forEach((key, value) -> common.put(String.valueOf(key), value));
        common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        common.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        int millis = Math.toIntExact(timeout.toMillis());
        common.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        common.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        common.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, millis);
        common.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, millis);
        Admin admin;
        try {
            admin = Admin.create(common);
        } catch (KafkaException e) {
            throw new CrmctlException("cannot connect to Kafka at " + bootstrapServers + ": " + e.getMessage()
                    + "; check --bootstrap-server", e);
        }
        var connection = new KafkaConnection(bootstrapServers, Map.copyOf(common), timeout, admin);
        try {
            connection.await(admin.describeCluster().clusterId(), "its cluster id");
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    public Admin admin() {
        return admin;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Duration timeout() {
        return timeout;
    }

    /** A consumer outside any group that reads committed records only and commits nothing. */
    public <K, V> KafkaConsumer<K, V> consumer(Deserializer<K> keys, Deserializer<V> values) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, keys, values);
    }

    /**
     * A transactional producer of raw bytes. Every run for the same purpose uses the same
     * {@code transactionalId}, so that its {@code initTransactions} fences an earlier or concurrent
     * run and resolves that run's open transaction before this one writes anything.
     */
    public KafkaProducer<byte[], byte[]> transactionalProducer(String transactionalId) {
        Map<String, Object> config = new HashMap<>(common);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        // Must cover linger and one request; a few requests' worth leaves room for a leader change.
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis() * 3));
        // A run that dies leaves its transaction open at most this long, unless the next run aborts it sooner.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The topics that exist. */
    public Set<String> topicNames() {
        return await(admin.listTopics().names(), "the list of topics");
    }

    public Map<String, TopicDescription> describe(List<String> topics) {
        return await(admin.describeTopics(topics).allTopicNames(), "a description of " + String.join(", ", topics));
    }

    /** Each partition's end: the high watermark (READ_UNCOMMITTED) or the last stable offset (READ_COMMITTED). */
    public Map<TopicPartition, Long> endOffsets(List<String> topics, IsolationLevel isolation) {
        List<TopicPartition> partitions = describe(topics).values().stream()
                .flatMap(description -> description.partitions().stream()
                        .map(p -> new TopicPartition(description.name(), p.partition())))
                .toList();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
        return await(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), "the end offsets of "
                + String.join(", ", topics)).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /**
     * Waits for an admin answer within the timeout.
     *
     * @param what what was asked, for the message
     */
    public <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw unreachable(what, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw unreachable(what, cause);
            }
            throw new CrmctlException("Kafka at " + bootstrapServers + " refused to give " + what + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmctlException("interrupted while asking Kafka at " + bootstrapServers + " for " + what, e);
        }
    }

    private CrmctlException unreachable(String what, Throwable cause) {
        return new CrmctlException("Kafka at " + bootstrapServers + " is unreachable: it did not give " + what + " within "
                + timeout.toSeconds() + " s. Check --bootstrap-server, that the broker runs, and --command-config for a "
                + "secured cluster (--timeout waits longer)", cause);
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
