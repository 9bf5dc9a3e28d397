package org.touchpointcrm.notifier.campaigns;

import java.util.ArrayList;

import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/** A new profile version: keep it, and decide the changes that were waiting for it. */
public final class RememberProfile implements Processor<String, CustomerProfile, String, CampaignMessage> {

    private final CampaignDecisions decisions;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, SegmentChange> awaiting;

    public RememberProfile(CampaignDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public void init(ProcessorContext<String, CampaignMessage> context) {
        decisions.init(context);
        this.profiles = context.getStateStore(DecisionStores.PROFILES);
        this.awaiting = context.getStateStore(DecisionStores.AWAITING_PROFILE);
    }

    @Override
    public void process(Record<String, CustomerProfile> record) {
        CustomerProfile profile = record.value();
        if (profile == null) {
            profiles.delete(record.key());
            return;
        }
        CustomerProfile known = profiles.get(record.key());
        if (known == null || known.getVersion() < profile.getVersion()) {
            profiles.put(record.key(), profile);
        }
        var ready = new ArrayList<KeyValue<String, SegmentChange>>();
        try (var waiting = awaiting.prefixScan(DecisionStores.awaitingPrefix(record.key()), new StringSerializer())) {
            waiting.forEachRemaining(entry -> {
                if (entry.value.getProfileVersion() <= profile.getVersion()) {
                    ready.add(entry);
                }
            });
        }
        for (var entry : ready) {
            awaiting.delete(entry.key);
            decisions.onChange(entry.value, profile);
        }
    }
}
