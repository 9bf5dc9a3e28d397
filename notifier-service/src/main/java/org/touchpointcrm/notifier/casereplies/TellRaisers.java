package org.touchpointcrm.notifier.casereplies;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.notifier.campaigns.DecisionStores;

/**
 * The Kafka side of {@link CaseReplyDecision}: a case's reply owed to one customer (keyed by customer id, on the
 * partition of the customer's profile) is decided against the profile the notifier remembers, and written at once or,
 * in the customer's quiet hours, from {@value #DEFERRED} when they end.
 */
final class TellRaisers implements Processor<String, CaseEvent, String, CampaignMessage> {

    /** Replies waiting for the end of quiet hours: {@code <due millis, 19 digits>\0<send id>} to the message. */
    static final String DEFERRED = "case-replies-deferred";

    private final CaseReplyDecision decision;
    private final Clock clock;
    private final Duration scanInterval;
    private ProcessorContext<String, CampaignMessage> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, CampaignMessage> deferred;

    TellRaisers(CaseReplyDecision decision, Clock clock, Duration scanInterval) {
        this.decision = decision;
        this.clock = clock;
        this.scanInterval = scanInterval;
    }

    static StoreBuilder<KeyValueStore<String, CampaignMessage>> deferredStore(Serde<CampaignMessage> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEFERRED), Serdes.String(), serde);
    }

    @Override
    public void init(ProcessorContext<String, CampaignMessage> context) {
        this.context = context;
        this.profiles = context.getStateStore(DecisionStores.PROFILES);
        this.deferred = context.getStateStore(DEFERRED);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, at -> writeDue());
    }

    @Override
    public void process(Record<String, CaseEvent> owed) {
        Instant now = clock.instant();
        CampaignMessage message = decision.decide(owed.value(), owed.key(), profiles.get(owed.key()), now);
        if (message.getDecision() == CampaignDecision.SEND && message.getSendAt().isAfter(now)) {
            deferred.put(key(message.getSendAt(), message.getMessageId()), message);
            return;
        }
        write(message, now);
    }

    private void writeDue() {
        Instant now = clock.instant();
        var due = new ArrayList<KeyValue<String, CampaignMessage>>();
        // read first: a store's iterator must not see its own deletes
        try (var entries = deferred.range(null, "%019d".formatted(now.toEpochMilli()) + (char) 1)) {
            entries.forEachRemaining(due::add);
        }
        for (KeyValue<String, CampaignMessage> entry : due) {
            deferred.delete(entry.key);
            write(entry.value, now);
        }
    }

    private void write(CampaignMessage message, Instant now) {
        context.forward(new Record<>(message.getCustomerId(), message, now.toEpochMilli()));
    }

    private static String key(Instant due, String messageId) {
        return "%019d".formatted(due.toEpochMilli()) + '\u0000' + messageId;
    }
}
