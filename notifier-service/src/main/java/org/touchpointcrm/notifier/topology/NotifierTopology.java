package org.touchpointcrm.notifier.topology;

import java.time.Clock;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.notifier.campaigns.AudienceRules;
import org.touchpointcrm.notifier.campaigns.CampaignDecisions;
import org.touchpointcrm.notifier.campaigns.DecideOnChange;
import org.touchpointcrm.notifier.campaigns.DecisionMeters;
import org.touchpointcrm.notifier.campaigns.DecisionProperties;
import org.touchpointcrm.notifier.campaigns.DecisionStores;
import org.touchpointcrm.notifier.campaigns.RememberProfile;
import org.touchpointcrm.notifier.campaigns.SendDecision;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.definitions.CampaignDefinitionsTopology;
import org.touchpointcrm.notifier.results.ResultsProperties;
import org.touchpointcrm.notifier.results.ResultsTopology;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The notifier's Kafka Streams app, whole: the one place its parts are put together (docs/architecture.md draws it).
 * <pre>
 * crm.campaigns ─> campaign catalogue (global store)
 * segment change ⨝ profile (co-partitioned by customer id) + stored campaigns ─> one campaign decision per
 *     triggered campaign and customer, now or from the schedule, exactly once ─> crm.campaign-messages
 * decisions, purchases, deliveries, reactions ─> campaign results
 * </pre>
 */
@Component
public class NotifierTopology {

    private static final String[] STORES = {DecisionStores.PROFILES, DecisionStores.AWAITING_PROFILE,
            DecisionStores.SEND_HISTORY, DecisionStores.DELAYED_TRIGGERS, DecisionStores.DEFERRED_SENDS};

    private final CrmSerdes serdes;
    private final CampaignCatalogue catalogue;
    private final ProfileRuleCompiler compiler;
    private final DecisionProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ResultsProperties results;

    public NotifierTopology(CrmSerdes serdes, CampaignCatalogue catalogue, ProfileRuleCompiler compiler,
                            DecisionProperties properties, ResultsProperties results, Clock clock, MeterRegistry meters) {
        this.results = results;
        this.serdes = serdes;
        this.catalogue = catalogue;
        this.compiler = compiler;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /** The app's only entry point: Spring calls it with the app's builder; tests call it with theirs. */
    @Autowired
    public void build(StreamsBuilder builder) {
        CampaignDefinitionsTopology.addTo(builder, serdes, catalogue);
        addDecisions(builder);
        ResultsTopology.addTo(builder, serdes, results);
    }

    /** segment change ⨝ profile + stored campaigns ─> campaign decisions. */
    private void addDecisions(StreamsBuilder builder) {
        builder.addStateStore(DecisionStores.profiles(serdes.avro(CustomerProfile.class)));
        builder.addStateStore(DecisionStores.awaitingProfile(serdes.avro(SegmentChange.class)));
        builder.addStateStore(DecisionStores.sendHistory());
        builder.addStateStore(DecisionStores.delayedTriggers(serdes.avro(SegmentChange.class)));
        builder.addStateStore(DecisionStores.deferredSends(serdes.avro(CampaignMessage.class)));
        var decision = new SendDecision(new AudienceRules(compiler), properties);
        var decisions = new DecisionMeters(meters);

        KStream<String, CampaignMessage> onChange = read(builder, Topics.SEGMENT_CHANGES)
                .process(() -> new DecideOnChange(new CampaignDecisions(decision, catalogue, clock, decisions),
                        properties.scheduleScanInterval()), Named.as("decide-on-change"), STORES);
        KStream<String, CampaignMessage> onProfile = read(builder, Topics.CUSTOMER_PROFILES)
                .process(() -> new RememberProfile(new CampaignDecisions(decision, catalogue, clock, decisions)),
                        Named.as("remember-profile"), STORES);

        onChange.merge(onProfile, Named.as("all-decisions"))
                .peek((customerId, message) -> decisions.decided(message), Named.as("meter-decisions"))
                .to(Topics.CAMPAIGN_MESSAGES.name(), serdes.produced(Topics.CAMPAIGN_MESSAGES));
    }

    private <V> KStream<String, V> read(StreamsBuilder builder, Topic<String, V> topic) {
        return builder.stream(topic.name(), serdes.consumed(topic));
    }
}
