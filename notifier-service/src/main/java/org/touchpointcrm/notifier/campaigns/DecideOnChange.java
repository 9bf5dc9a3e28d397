package org.touchpointcrm.notifier.campaigns;

import java.time.Duration;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/**
 * A segment change: decide now if the profile it refers to is here, else wait for it. Also runs the
 * schedule: on wall-clock time, delayed triggers and deferred sends that are due (one punctuator per task).
 */
public final class DecideOnChange implements Processor<String, SegmentChange, String, CampaignMessage> {

    private final CampaignDecisions decisions;
    private final Duration scanInterval;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, SegmentChange> awaiting;

    public DecideOnChange(CampaignDecisions decisions, Duration scanInterval) {
        this.decisions = decisions;
        this.scanInterval = scanInterval;
    }

    @Override
    public void init(ProcessorContext<String, CampaignMessage> context) {
        decisions.init(context);
        this.profiles = context.getStateStore(DecisionStores.PROFILES);
        this.awaiting = context.getStateStore(DecisionStores.AWAITING_PROFILE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, wallClock -> decisions.runDue());
    }

    @Override
    public void process(Record<String, SegmentChange> record) {
        SegmentChange change = record.value();
        CustomerProfile profile = profiles.get(change.getCustomerId());
        if (profile == null || profile.getVersion() < change.getProfileVersion()) {
            awaiting.put(DecisionStores.awaitingKey(change), change);
            return;
        }
        decisions.onChange(change, profile);
    }
}
