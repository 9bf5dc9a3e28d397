package org.touchpointcrm.notifier.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.campaigns.Campaigns;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.notifier.topology.NotifierTopology;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The results sub-topology, built into one builder with the decisions as the application does (so
 * that both reading crm.customer-profiles is shown to work): decisions, ledger outcomes, reactions and
 * profiles in, one tally per campaign out, each thing counted once.
 */
class ResultsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String CAMPAIGN = "win-back";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, CampaignMessage> messages;
    private TestInputTopic<String, CustomerProfile> profiles;
    private TestInputTopic<String, Delivery> deliveries;
    private TestInputTopic<String, TouchpointEvent> email;
    private TestInputTopic<String, TouchpointEvent> sms;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        var catalogue = new CampaignCatalogue();
        catalogue.apply(Campaigns.thankYou().build());
        new NotifierTopology(TopologyDrivers.SERDES, catalogue, new ProfileRuleCompiler(), Campaigns.DEFAULTS,
                new ResultsProperties(Duration.ofDays(7)), Clock.fixed(T0, ZoneOffset.UTC), new SimpleMeterRegistry())
                .build(builder);
        driver = TopologyDrivers.start(builder, "crm-notifier-test", stateDir, T0);
        messages = TopologyDrivers.input(driver, Topics.CAMPAIGN_MESSAGES);
        profiles = TopologyDrivers.input(driver, Topics.CUSTOMER_PROFILES);
        deliveries = TopologyDrivers.input(driver, Topics.DELIVERIES);
        email = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_EMAIL);
        sms = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_SMS);
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void conversionsWithinTheWindowAfterTheDecisionCountPerGroup() {
        for (String customer : List.of("t-1", "t-2", "t-3", "t-4")) {
            decide(send(customer));
        }
        for (String customer : List.of("k-1", "k-2", "k-3", "k-4")) {
            decide(suppressed(customer, "CONTROL_GROUP"));
        }
        decide(suppressed("n-1", "NO_CONSENT"));

        purchase("t-1", T0.plus(Duration.ofDays(2)));
        purchase("t-2", T0.plus(Duration.ofDays(7)));             // the window's last instant
        purchase("t-3", T0.plus(Duration.ofDays(8)));             // too late
        purchase("k-1", T0.plus(Duration.ofHours(1)));
        purchase("k-2", T0.minus(Duration.ofDays(1)));            // before the decision: not caused by it
        purchase("n-1", T0.plus(Duration.ofDays(1)));             // in neither group

        CampaignTally tally = tally();
        assertThat(tally.of(Group.TREATED, Measure.CUSTOMERS)).isEqualTo(4);
        assertThat(tally.of(Group.TREATED, Measure.CONVERTED)).isEqualTo(2);
        assertThat(tally.of(Group.CONTROL, Measure.CUSTOMERS)).isEqualTo(4);
        assertThat(tally.of(Group.CONTROL, Measure.CONVERTED)).isEqualTo(1);
        assertThat(tally.suppressedByReason()).containsExactlyInAnyOrderEntriesOf(Map.of("CONTROL_GROUP", 4L, "NO_CONSENT", 1L));

        var results = CampaignResults.of(CAMPAIGN, Duration.ofDays(7), tally);
        assertThat(results.treated().conversionRate()).isEqualTo(0.5);
        assertThat(results.control().conversionRate()).isEqualTo(0.25);
        assertThat(results.uplift().absolute()).isEqualTo(0.25);
        assertThat(results.uplift().relative()).isEqualTo(1.0);
    }

    @Test
    void everyThingIsCountedOnceHoweverOftenItIsReported() {
        CampaignMessage message = send("t-1");
        decide(message);
        decide(message);
        deliveries.pipeInput(message.getMessageId(), delivery(message, DeliveryState.INTENT));
        deliveries.pipeInput(message.getMessageId(), delivery(message, DeliveryState.SENT));
        deliveries.pipeInput(message.getMessageId(), delivery(message, DeliveryState.SENT));
        var subject = LinkSubject.of(message);
        for (int i = 0; i < 3; i++) {
            email.pipeInput("t-1", FeedbackTouchpoints.about(subject, TouchpointType.MESSAGE_OPENED, "", T0, Map.of()));
            email.pipeInput("t-1", FeedbackTouchpoints.about(subject, TouchpointType.MESSAGE_CLICKED, "https://shop.example/" + i,
                    T0, Map.of()));
        }
        email.pipeInput("t-1", FeedbackTouchpoints.about(subject, TouchpointType.MESSAGE_DELIVERED, "", T0, Map.of()));
        email.pipeInput("t-1", FeedbackTouchpoints.about(subject, TouchpointType.UNSUBSCRIBED, "", T0, Map.of()));
        email.pipeInput("t-1", FeedbackTouchpoints.about(subject, TouchpointType.UNSUBSCRIBED, "", T0, Map.of()));
        purchase("t-1", T0.plus(Duration.ofDays(1)));
        purchase("t-1", T0.plus(Duration.ofDays(2)));

        CampaignTally tally = tally();
        assertThat(tally.of(Group.TREATED, Measure.DECIDED)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.CUSTOMERS)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.SENT)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.DELIVERED)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.OPENED)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.CLICKED)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.UNSUBSCRIBED)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.CONVERTED)).isEqualTo(1);
    }

    @Test
    void aFailedSendAndABounceOfTheSameMessageAreOneFailureAndSmsReactionsCountToo() {
        CampaignMessage bounced = send("t-1");
        CampaignMessage refused = send("t-2");
        decide(bounced);
        decide(refused);
        deliveries.pipeInput(bounced.getMessageId(), delivery(bounced, DeliveryState.SENT));
        sms.pipeInput("t-1", FeedbackTouchpoints.about(LinkSubject.of(bounced), TouchpointType.MESSAGE_BOUNCED, "", T0, Map.of()));
        deliveries.pipeInput(bounced.getMessageId(), delivery(bounced, DeliveryState.FAILED));
        deliveries.pipeInput(refused.getMessageId(), delivery(refused, DeliveryState.FAILED));

        CampaignTally tally = tally();
        assertThat(tally.of(Group.TREATED, Measure.SENT)).isEqualTo(1);
        assertThat(tally.of(Group.TREATED, Measure.FAILED)).isEqualTo(2);
    }

    private CampaignTally tally() {
        KeyValueStore<String, CampaignTally> store = driver.getKeyValueStore(ResultsStores.CAMPAIGN_RESULTS);
        CampaignTally tally = store.get(CAMPAIGN);
        assertThat(tally).as("the tally of campaign %s", CAMPAIGN).isNotNull();
        return tally;
    }

    private void decide(CampaignMessage message) {
        messages.pipeInput(message.getCustomerId(), message, message.getDecidedAt());
    }

    private void purchase(String customerId, Instant at) {
        CustomerProfile profile = Campaigns.profile(customerId, 2, customerId + "@example.fi");
        profile.getPurchases().setLastAt(at);
        profiles.pipeInput(customerId, profile);
    }

    private static CampaignMessage send(String customerId) {
        return message(customerId, CampaignDecision.SEND, null);
    }

    private static CampaignMessage suppressed(String customerId, String reason) {
        return message(customerId, CampaignDecision.SUPPRESS, reason);
    }

    private static CampaignMessage message(String customerId, CampaignDecision decision, String reason) {
        return CampaignMessage.newBuilder().setMessageId(CAMPAIGN + "-" + customerId).setCampaignId(CAMPAIGN)
                .setCustomerId(customerId).setChannel(Channel.EMAIL).setDecision(decision).setSuppressionReason(reason)
                .setSegmentId("lapsing").setProfileVersion(1).setDecidedAt(T0).setConsentPurpose("marketing").build();
    }

    private static Delivery delivery(CampaignMessage message, DeliveryState state) {
        return Delivery.newBuilder().setSendId(message.getMessageId()).setCampaignId(message.getCampaignId())
                .setCustomerId(message.getCustomerId()).setChannel(message.getChannel()).setState(state).setAt(T0).build();
    }
}
