package org.touchpointcrm.segmentation.dedupe;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.touchpointcrm.avro.TouchpointEvent;

import io.micrometer.core.instrument.Counter;

/**
 * Forwards a touchpoint only the first time its eventId is seen within the retention. The ids live
 * in a window store, so old ones expire segment by segment instead of by a scan.
 */
public final class DropDuplicates implements FixedKeyProcessor<String, TouchpointEvent, TouchpointEvent> {

    public static final String STORE = "seen-event-ids";

    private final Duration retention;
    private final Counter duplicates;
    private FixedKeyProcessorContext<String, TouchpointEvent> context;
    private WindowStore<String, Long> seen;

    public DropDuplicates(Duration retention, Counter duplicates) {
        this.retention = retention;
        this.duplicates = duplicates;
    }

    public static StoreBuilder<WindowStore<String, Long>> store(Duration retention) {
        return Stores.windowStoreBuilder(
                Stores.persistentWindowStore(STORE, retention, retention, false),
                Serdes.String(), Serdes.Long());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TouchpointEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, TouchpointEvent> record) {
        String eventId = record.value().getEventId();
        long at = record.timestamp();
        boolean duplicate;
        try (var earlier = seen.fetch(eventId, Instant.ofEpochMilli(at).minus(retention),
                Instant.ofEpochMilli(at).plus(retention))) {
            duplicate = earlier.hasNext();
        }
        if (duplicate) {
            duplicates.increment();
        } else {
            seen.put(eventId, at, at);
            context.forward(record);
        }
    }
}
