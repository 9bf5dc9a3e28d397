package org.touchpointcrm.notifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.notifier.campaigns.Campaigns.THANK_YOU;
import static org.touchpointcrm.notifier.campaigns.Campaigns.entered;
import static org.touchpointcrm.notifier.campaigns.Campaigns.profile;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.notifier.campaigns.CampaignProperties;
import org.touchpointcrm.notifier.campaigns.DecisionMeters;
import org.touchpointcrm.notifier.campaigns.SendDecision;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Segment changes and profiles arrive side by side, in either order; each decision is made once. */
class NotifierTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SegmentChange> changes;
    private TestInputTopic<String, CustomerProfile> profiles;
    private TestOutputTopic<String, CampaignMessage> messages;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        new NotifierTopology(TopologyDrivers.SERDES, new CampaignProperties(List.of(THANK_YOU)), Clock.fixed(T0, ZoneOffset.UTC),
                meters).build(builder);
        driver = TopologyDrivers.start(builder, "crm-notifier-test", stateDir, T0);
        changes = TopologyDrivers.input(driver, Topics.SEGMENT_CHANGES);
        profiles = TopologyDrivers.input(driver, Topics.CUSTOMER_PROFILES);
        messages = TopologyDrivers.output(driver, Topics.CAMPAIGN_MESSAGES);
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void aChangeWhoseProfileIsAlreadyHereIsDecidedAtOnce() {
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));

        var decided = messages.readKeyValuesToList();
        assertThat(decided).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("c-1");
            assertThat(kv.value.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(kv.value.getRecipient()).isEqualTo("aino@example.fi");
        });
    }

    @Test
    void eachDecisionIsCountedByCampaignAndOutcomeWhicheverSideReleasedIt() {
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-2", entered("c-2", "purchasers", 1));
        profiles.pipeInput("c-2", profile("c-2", 1, null));

        assertThat(messages.readValuesToList()).hasSize(2);
        assertThat(decisions(CampaignDecision.SEND.name())).isEqualTo(1.0);
        assertThat(decisions(SendDecision.NO_ADDRESS)).isEqualTo(1.0);
    }

    @Test
    void aChangeThatArrivesBeforeItsProfileWaitsForIt() {
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        assertThat(messages.isEmpty()).isTrue();

        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));

        assertThat(messages.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(m.getRecipient()).isEqualTo("aino@example.fi"));
    }

    @Test
    void anOlderProfileDoesNotReleaseAChangeOfANewerVersion() {
        profiles.pipeInput("c-1", profile("c-1", 1, "old@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 2));
        assertThat(messages.isEmpty()).isTrue();

        profiles.pipeInput("c-1", profile("c-1", 2, "new@example.fi"));

        assertThat(messages.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(m.getRecipient()).isEqualTo("new@example.fi"));
    }

    @Test
    void aReleasedChangeIsDecidedOnlyOnce() {
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        profiles.pipeInput("c-1", profile("c-1", 2, "aino@example.fi"));

        assertThat(messages.readValuesToList()).hasSize(1);
    }

    @Test
    void waitingChangesOfOtherCustomersStayWaiting() {
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-10", entered("c-10", "purchasers", 1));

        profiles.pipeInput("c-1", profile("c-1", 1, "one@example.fi"));

        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCustomerId).containsExactly("c-1");
    }

    private double decisions(String outcome) {
        return meters.get(DecisionMeters.NAME).tag("campaign", THANK_YOU.id()).tag("outcome", outcome).counter().count();
    }
}
