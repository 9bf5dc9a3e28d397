package org.touchpointcrm.notifier.results;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * A profile whose last purchase moved past a decision of the customer, within the attribution window,
 * converts that campaign's exposure: once per customer and campaign, in whichever group they are.
 * Reads the profile only (co-partitioned with the decisions by customer id), never the purchases.
 */
final class AttributePurchases implements Processor<String, CustomerProfile, String, ResultCount> {

    private final long windowMillis;
    private ProcessorContext<String, ResultCount> context;
    private KeyValueStore<String, Exposure> exposures;

    AttributePurchases(Duration window) {
        this.windowMillis = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, ResultCount> context) {
        this.context = context;
        this.exposures = context.getStateStore(ResultsStores.EXPOSURES);
    }

    @Override
    public void process(Record<String, CustomerProfile> record) {
        CustomerProfile profile = record.value();
        if (profile == null || profile.getPurchases() == null || profile.getPurchases().getLastAt() == null) {
            return;
        }
        Instant lastPurchase = profile.getPurchases().getLastAt();
        // Bounded: one entry per campaign that decided on this customer.
        try (var it = exposures.prefixScan(ResultsStores.exposurePrefix(profile.getCustomerId()), new StringSerializer())) {
            while (it.hasNext()) {
                var entry = it.next();
                Exposure exposure = entry.value;
                if (exposure.convertedBy(lastPurchase.toEpochMilli(), windowMillis)) {
                    exposures.put(entry.key, new Exposure(exposure.group(), exposure.decidedAtMillis(), true));
                    context.forward(record.withKey(ResultsStores.campaignOf(entry.key))
                            .withValue(ResultCount.of(exposure.group(), Measure.CONVERTED)));
                }
            }
        }
    }
}
