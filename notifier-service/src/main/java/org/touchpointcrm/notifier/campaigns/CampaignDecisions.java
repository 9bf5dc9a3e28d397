package org.touchpointcrm.notifier.campaigns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.platform.privacy.PersonalData;

/**
 * The Kafka side of the decisions, shared by the two processors of one task: finds the stored campaigns a
 * segment change triggers, decides each now or schedules it for after its trigger delay, keeps the send
 * history, and writes each decision once: at once, or from the schedule when quiet hours deferred it.
 * The decision itself is {@link SendDecision}'s.
 */
public final class CampaignDecisions {

    private static final Logger log = LoggerFactory.getLogger(CampaignDecisions.class);

    private final SendDecision decision;
    private final CampaignCatalogue catalogue;
    private final Clock clock;
    private final DecisionMeters meters;
    private ProcessorContext<String, CampaignMessage> context;
    private KeyValueStore<String, CustomerProfile> profiles;
    private KeyValueStore<String, SendHistory> history;
    private KeyValueStore<String, SegmentChange> delayed;
    private KeyValueStore<String, CampaignMessage> deferred;

    public CampaignDecisions(SendDecision decision, CampaignCatalogue catalogue, Clock clock, DecisionMeters meters) {
        this.decision = decision;
        this.catalogue = catalogue;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A DRAFT campaign has never sent and an ENDED one never will: a change that matches it writes no decision (a
     * record per matching change would grow crm.campaign-messages and the results with nothing to learn), it is
     * only counted. PAUSED and ACTIVE-outside-its-dates campaigns still write CAMPAIGN_INACTIVE.
     */
    private boolean silent(CampaignDefinition campaign) {
        if (campaign.getStatus() == CampaignStatus.DRAFT || campaign.getStatus() == CampaignStatus.ENDED) {
            meters.silenced(campaign);
            return true;
        }
        return false;
    }

    void init(ProcessorContext<String, CampaignMessage> context) {
        this.context = context;
        this.profiles = context.getStateStore(DecisionStores.PROFILES);
        this.history = context.getStateStore(DecisionStores.SEND_HISTORY);
        this.delayed = context.getStateStore(DecisionStores.DELAYED_TRIGGERS);
        this.deferred = context.getStateStore(DecisionStores.DEFERRED_SENDS);
    }

    /** A segment change whose profile version is here: every campaign it triggers, decided or scheduled. */
    void onChange(SegmentChange change, CustomerProfile profile) {
        Instant now = clock.instant();
        for (CampaignDefinition campaign : catalogue.all()) {
            if (!campaign.getTrigger().getSegmentId().equals(change.getSegmentId())
                    || campaign.getTrigger().getChange() != change.getKind() || silent(campaign)) {
                continue;
            }
            String delay = campaign.getTrigger().getDelay();
            if (delay == null) {
                decide(campaign, change, profile, now);
            } else {
                // decided when due, with the campaign and the profile as they are then
                Instant due = change.getChangedAt().plus(Duration.parse(delay));
                delayed.put(new ScheduleKey(due, campaign.getId(), SendDecision.messageId(campaign.getId(), change)).text(),
                        change);
            }
        }
    }

    /** The punctuator: decides the delayed triggers that are due and writes the deferred sends that are due. */
    void runDue() {
        Instant now = clock.instant();
        for (KeyValue<String, SegmentChange> due : due(delayed, now)) {
            delayed.delete(due.key);
            decideDelayed(ScheduleKey.parse(due.key).campaignId(), due.value, now);
        }
        for (KeyValue<String, CampaignMessage> due : due(deferred, now)) {
            deferred.delete(due.key);
            write(due.value, now);
        }
    }

    private void decideDelayed(String campaignId, SegmentChange change, Instant now) {
        Optional<CampaignDefinition> campaign = catalogue.find(campaignId);
        CustomerProfile profile = profiles.get(change.getCustomerId());
        if (campaign.isEmpty() || profile == null) {
            // campaigns are never deleted; a profile is only when the customer was erased
            log.warn("Delayed trigger of campaign '{}' by segment {} (event {}) dropped: {} is gone", campaignId,
                    change.getSegmentId(), PersonalData.redact(change.getTriggeringEventId()), campaign.isEmpty() ? "the campaign" : "the customer's profile");
            return;
        }
        if (!silent(campaign.get())) {
            decide(campaign.get(), change, profile, now);
        }
    }

    private void decide(CampaignDefinition campaign, SegmentChange change, CustomerProfile profile, Instant now) {
        String customerId = change.getCustomerId();
        SendHistory before = Optional.ofNullable(history.get(customerId)).orElse(SendHistory.EMPTY);
        CampaignMessage message = decision.decide(campaign, change, profile, before, now);
        if (message.getDecision() == CampaignDecision.SEND) {
            history.put(customerId, before.plus(campaign.getId(), now, decision.longestCapPeriod(catalogue.all())));
            if (message.getSendAt().isAfter(now)) {
                deferred.put(new ScheduleKey(message.getSendAt(), campaign.getId(), message.getMessageId()).text(), message);
                return;
            }
        }
        write(message, now);
    }

    private void write(CampaignMessage message, Instant now) {
        context.forward(new Record<>(message.getCustomerId(), message, now.toEpochMilli()));
    }

    /** Read before any change: a store's iterator must not see its own deletes. */
    private static <V> List<KeyValue<String, V>> due(KeyValueStore<String, V> schedule, Instant now) {
        var due = new ArrayList<KeyValue<String, V>>();
        try (var entries = schedule.range(null, ScheduleKey.dueBy(now))) {
            entries.forEachRemaining(due::add);
        }
        return due;
    }
}
