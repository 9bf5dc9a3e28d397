package org.touchpointcrm.segmentation.identity;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The identity graph's working copy: reference to customer id, kept by the task that owns the reference's
 * partition. {@code resolve-customer} reads it for touchpoints and {@code link-identifier} writes it for link
 * requests; one store for both puts them in one sub-topology, so a reference has a single writer. Every change is
 * also written to the compacted crm.identity-links for readers outside the topology.
 */
public final class IdentityGraph {

    /** reference to customer id. */
    public static final String STORE = "identity-links";

    private IdentityGraph() {
    }

    public static StoreBuilder<KeyValueStore<String, String>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.String());
    }
}
