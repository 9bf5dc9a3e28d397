package org.touchpointcrm.segmentation.profile;

import java.time.Clock;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/** Kafka plumbing around {@link ProfileUpdater} and {@link SegmentEvaluator}: read, apply, write, forward. */
public final class UpdateProfile implements Processor<String, TouchpointEvent, String, ProfileUpdate> {

    /** The live profiles, queried by {@code GET /v1/customers/{id}/profile}. */
    public static final String STORE = "profiles";

    private final SegmentEvaluator segments;
    private final Clock clock;
    private ProcessorContext<String, ProfileUpdate> context;
    private KeyValueStore<String, CustomerProfile> profiles;

    public UpdateProfile(SegmentEvaluator segments, Clock clock) {
        this.segments = segments;
        this.clock = clock;
    }

    public static StoreBuilder<KeyValueStore<String, CustomerProfile>> store(Serde<CustomerProfile> profileSerde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), profileSerde);
    }

    @Override
    public void init(ProcessorContext<String, ProfileUpdate> context) {
        this.context = context;
        this.profiles = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, TouchpointEvent> record) {
        String customerId = record.key();
        TouchpointEvent event = record.value();
        CustomerProfile profile = ProfileUpdater.apply(profiles.get(customerId), customerId, event);
        var changes = segments.reevaluate(profile, clock.instant(), event.getEventId());
        profiles.put(customerId, profile);
        context.forward(record.withValue(new ProfileUpdate(profile, changes)));
    }
}
