package org.touchpointcrm.notifier.casereplies;

import java.time.Clock;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.notifier.campaigns.DecisionProperties;
import org.touchpointcrm.notifier.campaigns.DecisionStores;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/**
 * Closing the loop (docs/cases.md): crm.case-events ─> the customers a case acted on or declined owes its reply ─>
 * repartition by customer (onto the partition of the profile the decisions remember) ─> tell-raisers ─>
 * crm.campaign-messages (campaign {@value CaseReplyDecision#CAMPAIGN_ID}), delivered like any campaign message.
 */
public final class CaseReplies {

    private CaseReplies() {
    }

    /** Added by the notifier's one entry point after the decisions, whose profiles store tell-raisers reads. */
    public static void addTo(StreamsBuilder builder, CrmSerdes serdes, CaseReplyProperties templates,
                             DecisionProperties decisions, Clock clock) {
        builder.addStateStore(TellRaisers.deferredStore(serdes.value(Topics.CAMPAIGN_MESSAGES)));
        var decision = new CaseReplyDecision(templates, decisions);
        builder.stream(Topics.CASE_EVENTS.name(), Consumed.with(serdes.key(Topics.CASE_EVENTS),
                        serdes.value(Topics.CASE_EVENTS)).withName("read-" + Topics.CASE_EVENTS.name()))
                .flatMap((caseId, event) -> CaseReplyDecision.owedTo(event).stream()
                        .map(customerId -> KeyValue.pair(customerId, event)).toList(), Named.as("replies-owed"))
                .repartition(Repartitioned.<String, CaseEvent>as("case-replies-by-customer")
                        .withNumberOfPartitions(Topics.CUSTOMER_PROFILES.partitions())
                        .withKeySerde(serdes.key(Topics.CASE_EVENTS)).withValueSerde(serdes.value(Topics.CASE_EVENTS)))
                .process(() -> new TellRaisers(decision, clock, decisions.scheduleScanInterval()),
                        Named.as("tell-raisers"), DecisionStores.PROFILES, TellRaisers.DEFERRED)
                .to(Topics.CAMPAIGN_MESSAGES.name(), Produced.<String, CampaignMessage>with(
                        serdes.key(Topics.CAMPAIGN_MESSAGES), serdes.value(Topics.CAMPAIGN_MESSAGES))
                        .withName("write-case-replies"));
    }
}
