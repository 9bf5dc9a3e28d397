package org.touchpointcrm.segmentation.query;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.stereotype.Component;

/**
 * What every interactive query does before it reads: check that Kafka Streams is running, find the
 * instance whose task holds a key, and open this instance's partition of a store. Anything that
 * means "not now" (not started, rebalancing, no owner known) is a {@link StoreUnavailableException},
 * answered 503 with Retry-After.
 */
@Component
public class StoreQueries {

    /** Marks a query one instance passed to the owner of the key; the owner never passes it on. */
    public static final String FORWARDED_HEADER = "X-Crm-Forwarded";

    private final StreamsBuilderFactoryBean streams;
    private final Map<String, Boolean> storesKnown = new ConcurrentHashMap<>();

    public StoreQueries(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    /** The instance that owns a String key of {@code store}, and the partition it lives in. */
    public record Owner(HostInfo host, int partition, boolean local) {
    }

    /**
     * @param unavailable the title of the 503 if the key has no owner now, e.g. "Profiles are not available yet"
     */
    public Owner owner(String store, String key, String unavailable) {
        KafkaStreams kafkaStreams = running(unavailable);
        KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new StoreUnavailableException(unavailable,
                    "no instance owns '" + key + "' at the moment (rebalancing)");
        }
        return new Owner(owner.activeHost(), owner.partition(), isThisInstance(owner.activeHost()));
    }

    /**
     * The instance that owns one partition of {@code store}, for queries that read a whole partition
     * (a segment's members) rather than one key.
     */
    public Owner ownerOfPartition(String store, int partition, String unavailable) {
        KafkaStreams kafkaStreams = running(unavailable);
        StreamPartitioner<String, Object> thatPartition = (topic, key, value, partitions) -> Optional.of(Set.of(partition));
        KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(store, "", thatPartition);
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new StoreUnavailableException(unavailable,
                    "no instance owns partition " + partition + " at the moment (rebalancing)");
        }
        return new Owner(owner.activeHost(), owner.partition(), isThisInstance(owner.activeHost()));
    }

    /** This instance's partition of a key-value store; ask {@link #owner} first. */
    public <V> ReadOnlyKeyValueStore<String, V> localStore(String store, int partition, String unavailable) {
        try {
            return running(unavailable).store(StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, V>keyValueStore())
                    .withPartition(partition));
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException(unavailable, "partition " + partition + " of " + store
                    + " is moving to or from this instance");
        }
    }

    /** Whether the application's topology has a store of that name (a stage may be switched off). */
    public boolean hasStore(String store) {
        Boolean known = storesKnown.get(store);
        if (known == null) {
            Topology topology = streams.getTopology();
            if (topology == null) {
                return false; // not built yet: every query is 503 until it runs
            }
            known = topology.describe().subtopologies().stream()
                    .flatMap(s -> s.nodes().stream())
                    .anyMatch(node -> node instanceof TopologyDescription.Processor p && p.stores().contains(store));
            storesKnown.put(store, known);
        }
        return known;
    }

    /** Kafka Streams, if it is running; else 503. */
    public KafkaStreams running(String unavailable) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException(unavailable,
                    "the state stores are " + (kafkaStreams == null ? "not started" : kafkaStreams.state()));
        }
        return kafkaStreams;
    }

    /** Without {@code application.server} there is one instance, and it owns everything. */
    public boolean isThisInstance(HostInfo owner) {
        Object server = streams.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        return server == null || server.toString().isBlank() || HostInfo.buildFromEndpoint(server.toString()).equals(owner);
    }
}
