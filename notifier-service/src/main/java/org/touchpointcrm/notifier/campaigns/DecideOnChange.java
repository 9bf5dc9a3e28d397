package org.touchpointcrm.notifier.campaigns;

import java.time.Clock;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/** A segment change: decide now if the profile it refers to is here, else wait for it. */
public final class DecideOnChange implements Processor<String, SegmentChange, String, CampaignMessage> {

    private final SendDecision decision;
    private final Clock clock;
    private ProcessorContext<String, CampaignMessage> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, SegmentChange> awaiting;

    public DecideOnChange(SendDecision decision, Clock clock) {
        this.decision = decision;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, CampaignMessage> context) {
        this.context = context;
        this.profiles = context.getStateStore(DecisionStores.PROFILES);
        this.awaiting = context.getStateStore(DecisionStores.AWAITING_PROFILE);
    }

    @Override
    public void process(Record<String, SegmentChange> record) {
        SegmentChange change = record.value();
        CustomerProfile profile = profiles.get(change.getCustomerId());
        if (profile == null || profile.getVersion() < change.getProfileVersion()) {
            awaiting.put(DecisionStores.awaitingKey(change), change);
            return;
        }
        for (CampaignMessage message : decision.decide(change, profile, clock.instant())) {
            context.forward(record.withKey(change.getCustomerId()).withValue(message));
        }
    }
}
