package org.touchpointcrm.notifier.casereplies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.notifier.campaigns.Campaigns.DEFAULTS;
import static org.touchpointcrm.notifier.campaigns.Campaigns.NOON;
import static org.touchpointcrm.notifier.campaigns.Campaigns.consent;
import static org.touchpointcrm.notifier.campaigns.Campaigns.profile;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CaseKind;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.notifier.campaigns.MovableClock;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.results.ResultsProperties;
import org.touchpointcrm.notifier.topology.NotifierTopology;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A case acted on or declined tells each customer who raised it, once, with their service consent, in their language
 * and outside their quiet hours, through the notifier's own topology next to the campaign decisions.
 */
class CaseRepliesTopologyTest {

    private static final String CASE = "tampere-koskikeskus~3f9a0c1d2e4b";
    private static final String REPLY = "Gluten-free bread is on our shelf now.";
    /** 23:30 in Helsinki: quiet until 08:00 local, 06:00 UTC. */
    private static final Instant HALF_PAST_ELEVEN = Instant.parse("2026-11-23T21:30:00Z");

    @TempDir
    Path stateDir;
    private MovableClock clock;
    private TopologyTestDriver driver;
    private TestInputTopic<String, CustomerProfile> profiles;
    private TestInputTopic<String, CaseEvent> caseEvents;
    private TestOutputTopic<String, CampaignMessage> messages;

    private void startAt(Instant now) {
        clock = new MovableClock(now);
        var builder = new StreamsBuilder();
        new NotifierTopology(TopologyDrivers.SERDES, new CampaignCatalogue(), new ProfileRuleCompiler(),
                DEFAULTS, new ResultsProperties(Duration.ofDays(7)), CaseReplyProperties.DEFAULTS, clock,
                new SimpleMeterRegistry()).build(builder);
        driver = TopologyDrivers.start(builder, "crm-notifier-test", stateDir, now);
        profiles = TopologyDrivers.input(driver, Topics.CUSTOMER_PROFILES);
        caseEvents = TopologyDrivers.input(driver, Topics.CASE_EVENTS);
        messages = TopologyDrivers.output(driver, Topics.CAMPAIGN_MESSAGES);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void everyRaiserIsToldOnceInTheirLanguageWithServiceConsentOnly() {
        startAt(NOON);
        profiles.pipeInput("c-1", speaking(consent(profile("c-1", 1, "aino@example.fi"), Channel.EMAIL, "service", true), "sv"));
        profiles.pipeInput("c-2", profile("c-2", 1, "mikko@example.fi"));   // marketing consent only
        profiles.pipeInput("c-3", consent(profile("c-3", 1, "liisa@example.fi"), Channel.EMAIL, "service", true));

        caseEvents.pipeInput(CASE, statusChanged(CaseStatus.ACTED_ON, "c-1", "c-2", "c-1", "c-3"));

        Map<String, CampaignMessage> told = messages.readKeyValuesToMap();
        assertThat(messages.isEmpty()).isTrue();
        assertThat(told).containsOnlyKeys("c-1", "c-2", "c-3");
        assertThat(told.get("c-1")).satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(m.getCampaignId()).isEqualTo(CaseReplyDecision.CAMPAIGN_ID);
            assertThat(m.getConsentPurpose()).isEqualTo("service");
            assertThat(m.getRecipient()).isEqualTo("aino@example.fi");
            assertThat(m.getLanguage()).isEqualTo("sv");
            assertThat(m.getSubject()).isEqualTo("Svar på ditt förslag");
            assertThat(m.getTextBody()).isEqualTo("Tack för att du berättade för oss. " + REPLY);
            assertThat(m.getSendAt()).isEqualTo(NOON);
        });
        assertThat(told.get("c-2").getDecision()).isEqualTo(CampaignDecision.SUPPRESS);
        assertThat(told.get("c-2").getSuppressionReason()).isEqualTo("NO_CONSENT");
        assertThat(told.get("c-3").getLanguage()).isEqualTo("fi");
        assertThat(told.get("c-3").getTextBody()).isEqualTo("Kiitos, että kerroit meille. " + REPLY);
    }

    @Test
    void theSameChangeDecidedAgainIsTheSameSendAndOtherChangesTellNobody() {
        startAt(NOON);
        profiles.pipeInput("c-1", consent(profile("c-1", 1, "aino@example.fi"), Channel.EMAIL, "service", true));

        caseEvents.pipeInput(CASE, statusChanged(CaseStatus.ACKNOWLEDGED, "c-1"));
        assertThat(messages.isEmpty()).isTrue();

        caseEvents.pipeInput(CASE, statusChanged(CaseStatus.DECLINED, "c-1"));
        caseEvents.pipeInput(CASE, statusChanged(CaseStatus.DECLINED, "c-1"));   // a replayed event
        List<KeyValue<String, CampaignMessage>> told = messages.readKeyValuesToList();
        assertThat(told).hasSize(2).extracting(kv -> kv.value.getMessageId()).containsOnly(
                CaseReplyDecision.messageId(CASE, "c-1"));
    }

    @Test
    void aReplyInTheCustomersQuietHoursWaitsUntilTheyEnd() {
        startAt(HALF_PAST_ELEVEN);
        profiles.pipeInput("c-1", consent(profile("c-1", 1, "aino@example.fi"), Channel.EMAIL, "service", true));

        caseEvents.pipeInput(CASE, statusChanged(CaseStatus.ACTED_ON, "c-1"));
        assertThat(messages.isEmpty()).isTrue();

        clock.advance(Duration.ofHours(8).plusMinutes(31));
        driver.advanceWallClockTime(Duration.ofHours(8).plusMinutes(31));
        assertThat(messages.readValuesToList()).singleElement().satisfies(m -> {
            assertThat(m.getDecision()).isEqualTo(CampaignDecision.SEND);
            assertThat(m.getSendAt()).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
        });
    }

    private static CustomerProfile speaking(CustomerProfile profile, String language) {
        profile.getMaster().setLanguage(language);
        return profile;
    }

    private static CaseEvent statusChanged(CaseStatus to, String... raisers) {
        var raised = new java.util.ArrayList<CaseRaiser>();
        for (int i = 0; i < raisers.length; i++) {
            raised.add(CaseRaiser.newBuilder().setCustomerId(raisers[i]).setEventId("e-" + i).setRaisedAt(NOON)
                    .setText("Gluten-free bread").build());
        }
        var snapshot = CustomerCase.newBuilder().setCaseId(CASE).setStoreKey("tampere-koskikeskus")
                .setKind(CaseKind.SUGGESTION).setStatus(to).setMatchKey("gluten free bread").setRaisers(raised)
                .setRaiserCount(raised.size()).setReply(to == CaseStatus.ACKNOWLEDGED ? null : REPLY)
                .setOpenedAt(NOON).setChangedAt(NOON).build();
        return CaseEvent.newBuilder().setEventId("cmd/" + CASE).setCaseId(CASE).setChange(CaseChange.STATUS_CHANGED)
                .setFrom(CaseStatus.ACKNOWLEDGED).setTo(to).setAt(NOON).setSnapshot(snapshot).build();
    }
}
