package org.touchpointcrm.notifier.topology;

import java.time.Clock;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.notifier.campaigns.CampaignProperties;
import org.touchpointcrm.notifier.campaigns.DecideOnChange;
import org.touchpointcrm.notifier.campaigns.DecisionMeters;
import org.touchpointcrm.notifier.campaigns.DecisionStores;
import org.touchpointcrm.notifier.campaigns.RememberProfile;
import org.touchpointcrm.notifier.campaigns.SendDecision;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/** segment change ⨝ profile ─> campaign decision, exactly once. */
@Component
public class NotifierTopology {

    private final CrmSerdes serdes;
    private final CampaignProperties campaigns;
    private final Clock clock;
    private final MeterRegistry meters;

    public NotifierTopology(CrmSerdes serdes, CampaignProperties campaigns, Clock clock, MeterRegistry meters) {
        this.serdes = serdes;
        this.campaigns = campaigns;
        this.clock = clock;
        this.meters = meters;
    }

    @Autowired
    public void build(StreamsBuilder builder) {
        builder.addStateStore(DecisionStores.profiles(serdes.avro(CustomerProfile.class)));
        builder.addStateStore(DecisionStores.awaitingProfile(serdes.avro(SegmentChange.class)));
        var decision = new SendDecision(campaigns.campaigns());
        var decisions = new DecisionMeters(meters);

        KStream<String, CampaignMessage> onChange = read(builder, Topics.SEGMENT_CHANGES)
                .process(() -> new DecideOnChange(decision, clock), Named.as("decide-on-change"),
                        DecisionStores.PROFILES, DecisionStores.AWAITING_PROFILE);
        KStream<String, CampaignMessage> onProfile = read(builder, Topics.CUSTOMER_PROFILES)
                .process(() -> new RememberProfile(decision, clock), Named.as("remember-profile"),
                        DecisionStores.PROFILES, DecisionStores.AWAITING_PROFILE);

        onChange.merge(onProfile, Named.as("all-decisions"))
                .peek((customerId, message) -> decisions.decided(message), Named.as("meter-decisions"))
                .to(Topics.CAMPAIGN_MESSAGES.name(), Produced.with(serdes.key(Topics.CAMPAIGN_MESSAGES),
                        serdes.value(Topics.CAMPAIGN_MESSAGES)).withName("write-" + Topics.CAMPAIGN_MESSAGES.name()));
    }

    private <V> KStream<String, V> read(StreamsBuilder builder, Topic<String, V> topic) {
        return builder.stream(topic.name(), Consumed.with(serdes.key(topic), serdes.value(topic))
                .withName("read-" + topic.name()));
    }
}
