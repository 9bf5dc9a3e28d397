package org.touchpointcrm.segmentation.timeline;

import java.time.Clock;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.segmentation.profile.ProfileInput;
import org.touchpointcrm.segmentation.profile.UpdateProfile;

/** Kafka plumbing around {@link CustomerTimelines}: read the customer's timeline, add the touchpoint, write it. */
final class RecordTimeline implements FixedKeyProcessor<String, ProfileInput, Void> {

    private final CustomerTimelines timelines;
    private final Clock clock;
    private KeyValueStore<String, CustomerTimeline> store;
    private KeyValueStore<String, CustomerProfile> profiles;

    RecordTimeline(CustomerTimelines timelines, Clock clock) {
        this.timelines = timelines;
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Void> context) {
        store = context.getStateStore(Timeline.STORE);
        profiles = context.getStateStore(UpdateProfile.STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, ProfileInput> record) {
        if (record.value() instanceof ProfileInput.Touchpoint(var event) && !retired(record.key())) {
            CustomerTimeline kept = timelines.add(store.get(record.key()), event, clock.instant());
            if (kept == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), kept);
            }
        }
    }

    private boolean retired(String customerId) {
        CustomerProfile profile = profiles.get(customerId);
        return profile != null && profile.getMergedInto() != null;
    }
}
