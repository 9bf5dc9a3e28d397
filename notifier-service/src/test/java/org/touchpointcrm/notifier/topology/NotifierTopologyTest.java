package org.touchpointcrm.notifier.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.notifier.campaigns.Campaigns.DEFAULTS;
import static org.touchpointcrm.notifier.campaigns.Campaigns.NOON;
import static org.touchpointcrm.notifier.campaigns.Campaigns.entered;
import static org.touchpointcrm.notifier.campaigns.Campaigns.profile;
import static org.touchpointcrm.notifier.campaigns.Campaigns.thankYou;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.FrequencyCap;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.notifier.campaigns.DecisionMeters;
import org.touchpointcrm.notifier.campaigns.MovableClock;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.results.ResultsProperties;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Segment changes and profiles arrive side by side, in either order; each stored campaign a change triggers
 * is decided once, now or (trigger delay, quiet hours) when the wall clock reaches it, and the send history
 * caps what follows.
 */
class NotifierTopologyTest {

    /** 23:30 in Helsinki. */
    private static final Instant HALF_PAST_ELEVEN = Instant.parse("2026-11-23T21:30:00Z");
    private static final Duration SCAN = DEFAULTS.scheduleScanInterval();

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CampaignCatalogue catalogue = new CampaignCatalogue();
    private MovableClock clock = new MovableClock(NOON);
    private TopologyTestDriver driver;
    private TestInputTopic<String, SegmentChange> changes;
    private TestInputTopic<String, CustomerProfile> profiles;
    private TestOutputTopic<String, CampaignMessage> messages;

    @BeforeEach
    void storeTheCampaign() {
        catalogue.apply(thankYou().build());
    }

    private void startTopology() {
        var builder = new StreamsBuilder();
        new NotifierTopology(TopologyDrivers.SERDES, catalogue, new ProfileRuleCompiler(), DEFAULTS,
                new ResultsProperties(Duration.ofDays(7)), clock, meters)
                .build(builder);
        driver = TopologyDrivers.start(builder, "crm-notifier-test", stateDir, clock.instant());
        changes = TopologyDrivers.input(driver, Topics.SEGMENT_CHANGES);
        profiles = TopologyDrivers.input(driver, Topics.CUSTOMER_PROFILES);
        messages = TopologyDrivers.output(driver, Topics.CAMPAIGN_MESSAGES);
    }

    private void startAt(Instant now) {
        clock = new MovableClock(now);
        startTopology();
    }

    /** The decisions' clock and the punctuators' wall clock move together. */
    private void later(Duration by) {
        clock.advance(by);
        driver.advanceWallClockTime(by);
    }

    @AfterEach
    void stopTopology() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aChangeWhoseProfileIsAlreadyHereIsDecidedAtOnce() {
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));

        assertThat(messages.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isEqualTo("c-1");
            assertThat(kv.value.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(kv.value.getRecipient()).isEqualTo("aino@example.fi");
            assertThat(kv.value.getSubject()).isEqualTo("Kiitos Aino!");
            assertThat(kv.value.getSendAt()).isEqualTo(NOON);
        });
    }

    @Test
    void eachDecisionIsCountedByCampaignAndOutcomeWhicheverSideReleasedIt() {
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-2", entered("c-2", "purchasers", 1));
        profiles.pipeInput("c-2", profile("c-2", 1, null));

        assertThat(messages.readValuesToList()).hasSize(2);
        assertThat(decisions("thank-you", CampaignDecision.SEND.name())).isEqualTo(1.0);
        assertThat(decisions("thank-you", "NO_ADDRESS")).isEqualTo(1.0);
    }

    @Test
    void onlyCampaignsWhoseTriggerMatchesAreDecided() {
        catalogue.apply(thankYou().setId("goodbye").setTrigger(CampaignTrigger.newBuilder().setSegmentId("purchasers")
                .setChange(SegmentChangeKind.EXITED).build()).build());
        catalogue.apply(thankYou().setId("welcome").setTrigger(CampaignTrigger.newBuilder().setSegmentId("new")
                .setChange(SegmentChangeKind.ENTERED).build()).build());
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));

        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCampaignId).containsExactly("thank-you");
    }

    @Test
    void draftAndEndedCampaignsWriteNoDecisionOnlyACountWhilePausedStillDoes() {
        catalogue.apply(thankYou().setId("draft").setStatus(CampaignStatus.DRAFT).build());
        catalogue.apply(thankYou().setId("ended").setStatus(CampaignStatus.ENDED).build());
        catalogue.apply(thankYou().setId("paused").setStatus(CampaignStatus.PAUSED).build());
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-2", entered("c-2", "purchasers", 1));
        profiles.pipeInput("c-2", profile("c-2", 1, "eero@example.fi"));

        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCampaignId)
                .containsExactlyInAnyOrder("thank-you", "paused", "thank-you", "paused");
        assertThat(meters.get(DecisionMeters.SILENCED).tag("campaign", "draft").tag("status", "DRAFT").counter().count()).isEqualTo(2.0);
        assertThat(meters.get(DecisionMeters.SILENCED).tag("campaign", "ended").tag("status", "ENDED").counter().count()).isEqualTo(2.0);
    }

    @Test
    void aCampaignEndedBeforeItsDelayedTriggerIsDueWritesNothing() {
        catalogue.apply(thankYou().setTrigger(CampaignTrigger.newBuilder().setSegmentId("purchasers")
                .setChange(SegmentChangeKind.ENTERED).setDelay("PT1H").build()).build());
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        catalogue.apply(thankYou().setStatus(CampaignStatus.ENDED).build());

        later(Duration.ofHours(1).plus(SCAN));

        assertThat(messages.readValuesToList()).isEmpty();
        assertThat(meters.get(DecisionMeters.SILENCED).tag("campaign", "thank-you").tag("status", "ENDED").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aChangeThatArrivesBeforeItsProfileWaitsForIt() {
        startTopology();
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        assertThat(messages.isEmpty()).isTrue();

        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));

        assertThat(messages.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(m.getRecipient()).isEqualTo("aino@example.fi"));
    }

    @Test
    void anOlderProfileDoesNotReleaseAChangeOfANewerVersion() {
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "old@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 2));
        assertThat(messages.isEmpty()).isTrue();

        profiles.pipeInput("c-1", profile("c-1", 2, "new@example.fi"));

        assertThat(messages.readValuesToList()).singleElement()
                .satisfies(m -> assertThat(m.getRecipient()).isEqualTo("new@example.fi"));
    }

    @Test
    void aReleasedChangeIsDecidedOnlyOnce() {
        startTopology();
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        profiles.pipeInput("c-1", profile("c-1", 2, "aino@example.fi"));

        assertThat(messages.readValuesToList()).hasSize(1);
    }

    @Test
    void waitingChangesOfOtherCustomersStayWaiting() {
        startTopology();
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-10", entered("c-10", "purchasers", 1));

        profiles.pipeInput("c-1", profile("c-1", 1, "one@example.fi"));

        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCustomerId).containsExactly("c-1");
    }

    @Test
    void theFourthMessageWithinSevenDaysIsSuppressedAndOneIsAllowedAgainAfterThePeriod() {
        catalogue.apply(thankYou().setId("second-purchase").build());   // same trigger: two messages per change
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 2, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        later(Duration.ofDays(1));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 2));

        assertThat(messages.readValuesToList()).extracting(m -> m.getCampaignId() + " " + outcome(m)).containsExactly(
                "second-purchase SEND", "thank-you SEND", "second-purchase SEND", "thank-you GLOBAL_CAP");

        later(Duration.ofDays(7));   // the first day's two sends are a full period old; the third still counts
        profiles.pipeInput("c-1", profile("c-1", 3, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 3));

        assertThat(messages.readValuesToList()).extracting(m -> m.getCampaignId() + " " + outcome(m))
                .containsExactly("second-purchase SEND", "thank-you SEND");
    }

    @Test
    void theCampaignCapLimitsThatCampaignOnly() {
        catalogue.apply(thankYou().setFrequencyCap(new FrequencyCap(1, "P30D")).build());
        catalogue.apply(thankYou().setId("welcome").setTrigger(CampaignTrigger.newBuilder().setSegmentId("new")
                .setChange(SegmentChangeKind.ENTERED).build()).build());
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 3, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 2));
        changes.pipeInput("c-1", entered("c-1", "new", 3));

        assertThat(messages.readValuesToList()).extracting(m -> m.getCampaignId() + " " + outcome(m)).containsExactly(
                "thank-you SEND", "thank-you CAMPAIGN_CAP", "welcome SEND");
    }

    @Test
    void aSendDecidedAtHalfPastElevenIsWrittenAtEightTheNextMorningNotBefore() {
        startAt(HALF_PAST_ELEVEN);
        profiles.pipeInput("c-1", profile("c-1", 1, "aino@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        assertThat(messages.isEmpty()).isTrue();

        later(Duration.ofHours(8).plusMinutes(30).minus(SCAN));   // 07:59:30
        assertThat(messages.isEmpty()).isTrue();

        later(SCAN);
        assertThat(messages.readValuesToList()).singleElement().satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(m.getDecidedAt()).isEqualTo(HALF_PAST_ELEVEN);
            assertThat(m.getSendAt()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
        });
        assertThat(decisions("thank-you", "SEND")).isEqualTo(1.0);

        later(Duration.ofDays(1));
        assertThat(messages.isEmpty()).as("written once").isTrue();
    }

    @Test
    void theSameInstantIsQuietInHelsinkiButNotInNewYork() {
        startAt(HALF_PAST_ELEVEN);   // 16:30 in New York
        CustomerProfile helsinki = profile("c-1", 1, "aino@example.fi");
        helsinki.getMaster().setTimeZone("Europe/Helsinki");
        CustomerProfile newYork = profile("c-2", 1, "ann@example.com");
        newYork.getMaster().setTimeZone("America/New_York");
        profiles.pipeInput("c-1", helsinki);
        profiles.pipeInput("c-2", newYork);
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        changes.pipeInput("c-2", entered("c-2", "purchasers", 1));

        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCustomerId).containsExactly("c-2");

        later(Duration.ofHours(9));
        assertThat(messages.readValuesToList()).extracting(CampaignMessage::getCustomerId).containsExactly("c-1");
    }

    @Test
    void aTriggerDelayDecidesLaterWithTheProfileAsItIsThen() {
        catalogue.apply(thankYou().setTrigger(CampaignTrigger.newBuilder().setSegmentId("purchasers")
                .setChange(SegmentChangeKind.ENTERED).setDelay("P3D").build()).build());
        startTopology();
        profiles.pipeInput("c-1", profile("c-1", 1, "old@example.fi"));
        changes.pipeInput("c-1", entered("c-1", "purchasers", 1));
        assertThat(messages.isEmpty()).isTrue();

        profiles.pipeInput("c-1", profile("c-1", 2, "new@example.fi"));
        later(Duration.ofDays(3).minus(SCAN));
        assertThat(messages.isEmpty()).isTrue();

        later(SCAN);
        assertThat(messages.readValuesToList()).singleElement().satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(m.getRecipient()).isEqualTo("new@example.fi");
            assertThat(m.getDecidedAt()).isEqualTo(NOON.plus(Duration.ofDays(3)));
            assertThat(m.getProfileVersion()).as("the change's version").isEqualTo(1);
        });
        later(Duration.ofDays(1));
        assertThat(messages.isEmpty()).as("decided once").isTrue();
    }

    private static String outcome(CampaignMessage message) {
        return message.getDecision() == CampaignDecision.SEND ? "SEND" : message.getSuppressionReason();
    }

    private double decisions(String campaign, String outcome) {
        return meters.get(DecisionMeters.NAME).tag("campaign", campaign).tag("outcome", outcome).counter().count();
    }
}
