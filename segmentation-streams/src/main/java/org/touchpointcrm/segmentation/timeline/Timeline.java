package org.touchpointcrm.segmentation.timeline;

import java.time.Clock;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.segmentation.profile.ProfileInput;
import org.touchpointcrm.segmentation.profile.UpdateProfile;

/**
 * The customer timeline in the topology: every touchpoint, once (after dedupe) and on its customer's
 * partition, goes into {@value #STORE}, one bounded value per customer, in the task (and so the
 * transaction) that updates the customer's profile. Read by {@code GET /v1/customers/{id}/timeline}.
 *
 * <p>Why one value per customer rather than one entry per key ({@code customerId, time, eventId}) with
 * range scans: a page is one point read; keeping the last N is a cut of an in-memory list instead of
 * a scan and a delete per evicted entry; and a restore reads one record per customer. The cost is that
 * each touchpoint rewrites the customer's whole (bounded) list, which the store's cache folds into one
 * changelog write per customer and commit.
 */
public final class Timeline {

    /** customerId to {@link CustomerTimeline}. */
    public static final String STORE = "customer-timelines";

    private Timeline() {
    }

    /**
     * @param inputs the profile's inputs, keyed by customerId on the profile's partition; register records and
     *               handoffs are skipped, and a touchpoint for a retired customer too: update-profile hands it to the
     *               survivor, whose timeline it joins there
     */
    public static void addTo(KStream<String, ProfileInput> inputs, CrmSerdes serdes, TimelineSettings settings,
                             Clock clock) {
        StoreBuilder<KeyValueStore<String, CustomerTimeline>> store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(STORE), Serdes.String(), serdes.avro(CustomerTimeline.class))
                .withCachingEnabled();
        var timelines = new CustomerTimelines(settings);
        inputs.processValues(new FixedKeyProcessorSupplier<String, ProfileInput, Void>() {
            @Override
            public FixedKeyProcessor<String, ProfileInput, Void> get() {
                return new RecordTimeline(timelines, clock);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        }, Named.as("record-timeline"), UpdateProfile.STORE);
    }
}
