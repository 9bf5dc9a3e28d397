package org.touchpointcrm.segmentation.definitions;

import java.time.Instant;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;

/**
 * Every instance reads all of crm.segment-definitions into a global store and hands each definition
 * to its {@link SegmentCatalogue}: a published change reaches every stream thread without a restart.
 * Kafka Streams runs this processor again over the whole topic at every start (the store is in
 * memory), before any task processes, so the catalogue is complete before the first touchpoint.
 */
public final class ReadSegmentDefinitions implements Processor<String, SegmentDefinition, Void, Void> {

    public static final String STORE = "segment-definitions";

    private static final Logger log = LoggerFactory.getLogger(ReadSegmentDefinitions.class);

    private final SegmentCatalogue catalogue;
    private KeyValueStore<String, SegmentDefinition> definitions;

    public ReadSegmentDefinitions(SegmentCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** Global stores have no changelog: the topic is their changelog. */
    public static StoreBuilder<KeyValueStore<String, SegmentDefinition>> store(Serde<SegmentDefinition> serde) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(STORE), Serdes.String(), serde)
                .withLoggingDisabled();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        definitions = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, SegmentDefinition> record) {
        SegmentDefinition definition = record.value() == null ? retired(record) : record.value();
        if (definition == null) {
            return;
        }
        if (!definition.getId().equals(record.key())) {
            log.warn("Segment definition under key '{}' has id '{}' and is ignored: only the admin API writes"
                    + " crm.segment-definitions, keyed by id", record.key(), definition.getId());
            return;
        }
        definitions.put(record.key(), definition);
        catalogue.apply(definition);
    }

    /**
     * A tombstone written by hand would leave the segment's members stranded: it is taken as a
     * retirement, so they leave the segment like any retired one's.
     */
    private SegmentDefinition retired(Record<String, SegmentDefinition> tombstone) {
        SegmentDefinition known = definitions.get(tombstone.key());
        if (known == null || known.getStatus() == SegmentStatus.RETIRED) {
            return null;
        }
        log.warn("Tombstone for segment '{}' taken as its retirement; retire segments with"
                + " DELETE /v1/segment-definitions/<id> instead", tombstone.key());
        return SegmentDefinition.newBuilder(known).setStatus(SegmentStatus.RETIRED)
                .setVersion(known.getVersion() + 1).setChangedAt(Instant.ofEpochMilli(tombstone.timestamp())).build();
    }
}
