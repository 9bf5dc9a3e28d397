package org.touchpointcrm.notifier.results;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * Campaign results, a sub-topology of the notifier's Streams app:
 * <pre>
 * campaign-messages (by customer) ─ count decisions, place in group ─┐
 * customer-profiles (by customer) ─ attribute purchases ─────────────┤
 * deliveries (by send id) ─ count outcomes ──────────────────────────┼─ by campaign ─ add to tally ─ campaign-results
 * touchpoints.email/.sms ─ by send id ─ count reactions ─────────────┘
 * </pre>
 * Decisions and profiles share the exposures store (both keyed by customer id, co-partitioned);
 * outcomes and reactions share the message flags (both by send id; the reactions' repartition topic
 * has the ledger's partition count, so each send id's entries meet in one task). Composed into the app by
 * {@code NotifierTopology}.
 */
public final class ResultsTopology {

    private ResultsTopology() {
    }

    public static void addTo(StreamsBuilder builder, CrmSerdes serdes, ResultsProperties properties) {
        builder.addStateStore(ResultsStores.decidedMessages());
        builder.addStateStore(ResultsStores.exposures());
        builder.addStateStore(ResultsStores.messageFlags());
        builder.addStateStore(ResultsStores.campaignResults());

        KStream<String, ResultCount> decisions = read(builder, serdes, Topics.CAMPAIGN_MESSAGES)
                .process(CountDecisions::new, Named.as("results-count-decisions"),
                        ResultsStores.DECIDED_MESSAGES, ResultsStores.EXPOSURES);
        KStream<String, ResultCount> conversions = read(builder, serdes, Topics.CUSTOMER_PROFILES)
                .process(() -> new AttributePurchases(properties.attributionWindow()), Named.as("results-attribute-purchases"),
                        ResultsStores.EXPOSURES);
        KStream<String, ResultCount> outcomes = read(builder, serdes, Topics.DELIVERIES)
                .process(() -> new CountPerMessage<Delivery>(MessageEvent::of), Named.as("results-count-deliveries"),
                        ResultsStores.MESSAGE_FLAGS);
        KStream<String, ResultCount> reactions = reactionsBySendId(builder, serdes)
                .process(() -> new CountPerMessage<TouchpointEvent>(MessageEvent::of), Named.as("results-count-reactions"),
                        ResultsStores.MESSAGE_FLAGS);

        decisions.merge(conversions, Named.as("results-merge-conversions"))
                .merge(outcomes, Named.as("results-merge-outcomes"))
                .merge(reactions, Named.as("results-merge-reactions"))
                .repartition(Repartitioned.<String, ResultCount>as("results-by-campaign")
                        .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(ResultCount.class)))
                .process(AddToTally::new, Named.as("results-add-to-tally"), ResultsStores.CAMPAIGN_RESULTS);
    }

    /** Touchpoints about our messages (they carry the send id), re-keyed by it. */
    private static KStream<String, TouchpointEvent> reactionsBySendId(StreamsBuilder builder, CrmSerdes serdes) {
        return read(builder, serdes, Topics.TOUCHPOINTS_EMAIL)
                .merge(read(builder, serdes, Topics.TOUCHPOINTS_SMS), Named.as("results-merge-touchpoints"))
                .filter((key, event) -> event != null && event.getMessageId() != null, Named.as("results-about-messages"))
                .selectKey((key, event) -> event.getMessageId(), Named.as("results-key-by-send-id"))
                .repartition(Repartitioned.<String, TouchpointEvent>as("results-reactions-by-send-id")
                        .withKeySerde(serdes.key(Topics.TOUCHPOINTS_EMAIL)).withValueSerde(serdes.value(Topics.TOUCHPOINTS_EMAIL))
                        .withNumberOfPartitions(Topics.DELIVERIES.partitions()));
    }

    private static <V> KStream<String, V> read(StreamsBuilder builder, CrmSerdes serdes, Topic<String, V> topic) {
        return builder.stream(topic.name(), serdes.consumed(topic).withName("results-read-" + topic.name()));
    }
}
