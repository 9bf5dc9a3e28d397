package org.touchpointcrm.notifier.results;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;

/**
 * Counts each decision once (by its send id) and places the customer in the campaign's treated or
 * control group, remembering when they were decided: the attribution window starts there.
 */
final class CountDecisions implements Processor<String, CampaignMessage, String, ResultCount> {

    /** The suppression reason of the control group (CampaignMessage.suppressionReason). */
    static final String CONTROL_GROUP = "CONTROL_GROUP";

    private ProcessorContext<String, ResultCount> context;
    private KeyValueStore<String, Long> decided;
    private KeyValueStore<String, Exposure> exposures;

    @Override
    public void init(ProcessorContext<String, ResultCount> context) {
        this.context = context;
        this.decided = context.getStateStore(ResultsStores.DECIDED_MESSAGES);
        this.exposures = context.getStateStore(ResultsStores.EXPOSURES);
    }

    @Override
    public void process(Record<String, CampaignMessage> record) {
        CampaignMessage message = record.value();
        if (message == null || decided.get(message.getMessageId()) != null) {
            return;
        }
        long decidedAt = message.getDecidedAt().toEpochMilli();
        decided.put(message.getMessageId(), decidedAt);
        Group group = groupOf(message);
        if (message.getDecision() == CampaignDecision.SUPPRESS) {
            forward(record, message, ResultCount.suppressed(String.valueOf(message.getSuppressionReason())));
        }
        if (group == null) {
            return;
        }
        forward(record, message, ResultCount.of(group, Measure.DECIDED));
        String key = ResultsStores.exposureKey(message.getCustomerId(), message.getCampaignId());
        Exposure known = exposures.get(key);
        if (known == null) {
            exposures.put(key, new Exposure(group, decidedAt, false));
            forward(record, message, ResultCount.of(group, Measure.CUSTOMERS));
        } else if (decidedAt > known.decidedAtMillis()) {
            // A later decision for the same customer opens a new window; the group stays the first one (holdout is per customer).
            exposures.put(key, new Exposure(known.group(), decidedAt, known.converted()));
        }
    }

    private static Group groupOf(CampaignMessage message) {
        if (message.getDecision() == CampaignDecision.SEND) {
            return Group.TREATED;
        }
        return CONTROL_GROUP.equals(message.getSuppressionReason()) ? Group.CONTROL : null;
    }

    private void forward(Record<String, CampaignMessage> record, CampaignMessage message, ResultCount count) {
        context.forward(record.withKey(message.getCampaignId()).withValue(count));
    }
}
