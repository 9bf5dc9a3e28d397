package org.touchpointcrm.notifier.campaigns;

import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignMessage;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #NAME}: every campaign decision, by campaign and outcome, SEND or the reason it was suppressed
 * ({@link SuppressionReason}). Campaign ids are the stored campaigns' (marketers create a handful, never
 * per customer) and reasons come from the code, so the series stay bounded. A deferred send is counted when
 * it is written.
 */
public final class DecisionMeters {

    public static final String NAME = "crm.notifier.decisions";
    /** Changes that matched a DRAFT or ENDED campaign and were not decided, by campaign and status. */
    public static final String SILENCED = "crm.notifier.decisions.silenced";
    /** The outcome of a suppression that names no reason. */
    static final String SUPPRESSED = "SUPPRESSED";

    private final MeterRegistry registry;

    public DecisionMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public void decided(CampaignMessage message) {
        registry.counter(NAME, "campaign", message.getCampaignId(), "outcome", outcome(message)).increment();
    }

    void silenced(CampaignDefinition campaign) {
        registry.counter(SILENCED, "campaign", campaign.getId(), "status", campaign.getStatus().name()).increment();
    }

    private static String outcome(CampaignMessage message) {
        if (message.getDecision() == CampaignDecision.SEND) {
            return CampaignDecision.SEND.name();
        }
        return message.getSuppressionReason() == null ? SUPPRESSED : message.getSuppressionReason();
    }
}
