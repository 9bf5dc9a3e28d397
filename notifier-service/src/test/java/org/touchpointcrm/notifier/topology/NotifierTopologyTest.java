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
import java.util.Properties;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
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
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/** Segment changes and profiles arrive side by side, in either order; each decision is made once. */
class NotifierTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, SegmentChange> changes;
    private TestInputTopic<String, CustomerProfile> profiles;
    private TestOutputTopic<String, CampaignMessage> messages;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        new NotifierTopology(SERDES, new CampaignProperties(List.of(THANK_YOU)), Clock.fixed(T0, ZoneOffset.UTC)).build(builder);
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "crm-notifier-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(builder.build(config), config, T0);
        changes = driver.createInputTopic(Topics.SEGMENT_CHANGES.name(), SERDES.key(Topics.SEGMENT_CHANGES).serializer(),
                SERDES.value(Topics.SEGMENT_CHANGES).serializer());
        profiles = driver.createInputTopic(Topics.CUSTOMER_PROFILES.name(), SERDES.key(Topics.CUSTOMER_PROFILES).serializer(),
                SERDES.value(Topics.CUSTOMER_PROFILES).serializer());
        messages = driver.createOutputTopic(Topics.CAMPAIGN_MESSAGES.name(), SERDES.key(Topics.CAMPAIGN_MESSAGES).deserializer(),
                SERDES.value(Topics.CAMPAIGN_MESSAGES).deserializer());
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
}
