package org.touchpointcrm.segmentation.dedupe;

import java.time.Duration;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.touchpointcrm.avro.TouchpointEvent;

import io.micrometer.core.instrument.Counter;

/**
 * Forwards a touchpoint only the first time its customer sees its eventId within the retention. It runs after the
 * identity graph resolved the customer, so a retry sent under another identifier of the same person is caught too;
 * what each touchpoint counted is kept ({@link CountedEvents}) so that a merge can count it once.
 */
public final class DropDuplicates implements FixedKeyProcessor<String, TouchpointEvent, TouchpointEvent> {

    private final Duration retention;
    private final Counter duplicates;
    private FixedKeyProcessorContext<String, TouchpointEvent> context;
    private CountedEvents counted;

    public DropDuplicates(Duration retention, Counter duplicates) {
        this.retention = retention;
        this.duplicates = duplicates;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, TouchpointEvent> context) {
        this.context = context;
        this.counted = new CountedEvents(context.getStateStore(CountedEvents.STORE), retention);
    }

    @Override
    public void process(FixedKeyRecord<String, TouchpointEvent> record) {
        String customerId = record.key();
        TouchpointEvent event = record.value();
        if (counted.contains(customerId, event.getEventId(), record.timestamp())) {
            duplicates.increment();
        } else {
            counted.put(customerId, CountedTouchpoints.of(event), record.timestamp());
            context.forward(record);
        }
    }
}
