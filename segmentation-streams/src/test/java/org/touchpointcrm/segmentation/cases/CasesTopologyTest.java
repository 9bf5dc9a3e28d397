package org.touchpointcrm.segmentation.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CaseKind;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TimelineEntry;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.topology.SegmentationTopology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Suggestions and low ratings become cases, through the application's own topology, touchpoint to crm.cases. */
class CasesTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final String STORE = "tampere-koskikeskus";

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, TouchpointEvent> pos;
    private TestInputTopic<String, TouchpointEvent> web;
    private TestInputTopic<String, CaseCommand> commands;
    private TestOutputTopic<String, CaseEvent> events;
    private TestOutputTopic<String, CustomerCase> cases;

    @BeforeEach
    void start() {
        var meters = new SimpleMeterRegistry();
        var builder = new StreamsBuilder();
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
                clock, meters).build(builder);
        driver = TopologyDrivers.start(builder, "cases-test", stateDir, T0, DeadLetters.streamsConfig(meters));
        pos = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_POS);
        web = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_WEB);
        commands = TopologyDrivers.input(driver, Topics.CASE_COMMANDS);
        events = TopologyDrivers.output(driver, Topics.CASE_EVENTS);
        cases = TopologyDrivers.output(driver, Topics.CASES);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void suggestionsWhoseNormalisedTextMatchesJoinOneCaseOfTheirStore() {
        suggest("c-1", STORE, "Gluten-free bread, please!");
        suggest("c-2", STORE, "gluten free bread please");
        suggest("c-3", "helsinki-kamppi", "Gluten-free bread, please!");

        List<CaseEvent> changes = events.readValuesToList();
        assertThat(changes).extracting(CaseEvent::getChange)
                .containsExactly(CaseChange.OPENED, CaseChange.JOINED, CaseChange.OPENED);
        CustomerCase tampere = store().get(changes.getFirst().getCaseId());
        assertThat(tampere.getStatus()).isEqualTo(CaseStatus.NEW);
        assertThat(tampere.getKind()).isEqualTo(CaseKind.SUGGESTION);
        assertThat(tampere.getStoreKey()).isEqualTo(STORE);
        assertThat(tampere.getMatchKey()).isEqualTo("gluten free bread please");
        assertThat(tampere.getRaisers()).extracting(CaseRaiser::getCustomerId).containsExactly("c-1", "c-2");
        assertThat(tampere.getRaiserCount()).isEqualTo(2);
        assertThat(changes.get(2).getCaseId()).isNotEqualTo(tampere.getCaseId()).startsWith("helsinki-kamppi~");
        assertThat(cases.readKeyValuesToMap()).containsKeys(tampere.getCaseId(), changes.get(2).getCaseId());
    }

    @Test
    void theSameSuggestionSentTwiceRaisesItOnce() {
        TouchpointEvent suggestion = Touchpoints.suggestion("c-1", STORE, "Oat milk", T0);
        pos.pipeInput("c-1", suggestion, T0);
        pos.pipeInput("c-1", Touchpoints.retried(suggestion), T0);

        assertThat(events.readValuesToList()).extracting(CaseEvent::getChange).containsExactly(CaseChange.OPENED);
    }

    @Test
    void aCaseGoesFromNewThroughAcknowledgedToActedOnWithItsReplyEveryChangeAnEvent() {
        String caseId = suggest("c-1", STORE, "Gluten-free bread");
        events.readValuesToList();

        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.ACTED_ON, "On the shelf now", T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.ACKNOWLEDGED, null, T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.ACTED_ON, null, T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.ACTED_ON, "On the shelf now", T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.DECLINED, "Changed our mind", T0), T0);

        List<CaseEvent> changes = events.readValuesToList();
        assertThat(changes).extracting(CaseEvent::getChange, CaseEvent::getFrom, CaseEvent::getTo).containsExactly(
                org.assertj.core.groups.Tuple.tuple(CaseChange.REFUSED, CaseStatus.NEW, CaseStatus.NEW),
                org.assertj.core.groups.Tuple.tuple(CaseChange.STATUS_CHANGED, CaseStatus.NEW, CaseStatus.ACKNOWLEDGED),
                org.assertj.core.groups.Tuple.tuple(CaseChange.REFUSED, CaseStatus.ACKNOWLEDGED, CaseStatus.ACKNOWLEDGED),
                org.assertj.core.groups.Tuple.tuple(CaseChange.STATUS_CHANGED, CaseStatus.ACKNOWLEDGED, CaseStatus.ACTED_ON),
                org.assertj.core.groups.Tuple.tuple(CaseChange.REFUSED, CaseStatus.ACTED_ON, CaseStatus.ACTED_ON));
        assertThat(changes.getFirst().getReason()).contains("acknowledge the case first");
        assertThat(changes.get(2).getReason()).contains("needs a reply");
        assertThat(changes.get(4).getReason()).contains("final");
        CustomerCase acted = store().get(caseId);
        assertThat(acted.getStatus()).isEqualTo(CaseStatus.ACTED_ON);
        assertThat(acted.getReply()).isEqualTo("On the shelf now");
        assertThat(acted.getChangedBy()).isEqualTo(CaseCommands.STAFF);
        assertThat(acted.getResolvedAt()).isEqualTo(T0);
        assertThat(changes.get(3).getBy()).isEqualTo(CaseCommands.STAFF);
    }

    @Test
    void staffGroupDifferentlyWordedSuggestionsUnderATopicAndLaterMatchesJoinTheGroup() {
        String bread = suggest("c-1", STORE, "Gluten-free bread");
        String other = suggest("c-2", STORE, "Could you sell bread without gluten?");
        events.readValuesToList();

        commands.pipeInput(STORE, CaseCommands.group(bread, List.of(other), "gluten-free bread", T0), T0);
        suggest("c-3", STORE, "could you SELL bread without gluten");
        commands.pipeInput(STORE, CaseCommands.status(other, CaseStatus.ACKNOWLEDGED, null, T0), T0);

        List<CaseEvent> changes = events.readValuesToList();
        assertThat(changes).extracting(CaseEvent::getCaseId, CaseEvent::getChange).containsExactly(
                org.assertj.core.groups.Tuple.tuple(bread, CaseChange.GROUPED),
                org.assertj.core.groups.Tuple.tuple(other, CaseChange.GROUPED),
                org.assertj.core.groups.Tuple.tuple(bread, CaseChange.JOINED),
                org.assertj.core.groups.Tuple.tuple(other, CaseChange.REFUSED));
        CustomerCase group = store().get(bread);
        assertThat(group.getTopic()).isEqualTo("gluten-free bread");
        assertThat(group.getRaisers()).extracting(CaseRaiser::getCustomerId).containsExactly("c-1", "c-2", "c-3");
        assertThat(store().get(other).getGroupedInto()).isEqualTo(bread);
        assertThat(changes.get(3).getReason()).contains("grouped into " + bread);
    }

    @Test
    void aCaseOfAnotherStoreIsNotGroupedIn() {
        String tampere = suggest("c-1", STORE, "Gluten-free bread");
        String helsinki = suggest("c-2", "helsinki-kamppi", "Rye crisps");
        events.readValuesToList();

        commands.pipeInput(STORE, CaseCommands.group(tampere, List.of(helsinki), null, T0), T0);

        assertThat(events.readValuesToList()).singleElement()
                .satisfies(e -> assertThat(e.getChange()).isEqualTo(CaseChange.REFUSED))
                .satisfies(e -> assertThat(e.getReason()).contains("not one of this store's cases"));
    }

    @Test
    void feedbackRatedTwoOrLessOpensACaseAndBetterFeedbackDoesNot() {
        web.pipeInput("c-1", Touchpoints.feedback("c-1", 2, "The queue was far too long", T0), T0);
        web.pipeInput("c-2", Touchpoints.feedback("c-2", 4, "Nice staff", T0), T0);
        web.pipeInput("c-3", Touchpoints.feedback("c-3", 3, "OK", T0), T0);

        List<CaseEvent> changes = events.readValuesToList();
        assertThat(changes).singleElement().satisfies(e -> {
            assertThat(e.getSnapshot().getKind()).isEqualTo(CaseKind.LOW_RATING);
            assertThat(e.getSnapshot().getStoreKey()).isEqualTo(CaseKeys.ONLINE);
            assertThat(e.getSnapshot().getRaisers().getFirst().getRating()).isEqualTo(2);
        });
    }

    @Test
    void everyRaiserOfACaseActedOnGetsTheReplyOnceOnTheirTimeline() {
        String bread = suggest("c-1", STORE, "Gluten-free bread");
        suggest("c-1", STORE, "gluten free bread!");
        String other = suggest("c-2", STORE, "Could you sell bread without gluten?");
        commands.pipeInput(STORE, CaseCommands.group(bread, List.of(other), "gluten-free bread", T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(bread, CaseStatus.ACKNOWLEDGED, null, T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(bread, CaseStatus.ACTED_ON, "On the shelf from Monday", T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(bread, CaseStatus.DECLINED, "Too late", T0), T0);

        KeyValueStore<String, CustomerTimeline> timelines = driver.getKeyValueStore(Timeline.STORE);
        for (String customer : List.of("c-1", "c-2")) {
            assertThat(timelines.get(customer).getEntries())
                    .filteredOn(entry -> entry.getType() == TouchpointType.CASE_REPLY)
                    .singleElement().satisfies(entry -> {
                        assertThat(entry.getText()).isEqualTo("On the shelf from Monday");
                        assertThat(entry.getChannel()).isEqualTo(Channel.POS);
                        assertThat(entry.getStoreId()).isEqualTo(STORE);
                    });
        }
    }

    @Test
    void aDeclinedCaseSendsItsReplyAndAnAcknowledgedOneNothing() {
        String caseId = suggest("c-1", STORE, "Caviar");
        web.pipeInput("c-2", Touchpoints.feedback("c-2", 1, "Rude staff", T0), T0);
        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.ACKNOWLEDGED, null, T0), T0);

        KeyValueStore<String, CustomerTimeline> timelines = driver.getKeyValueStore(Timeline.STORE);
        assertThat(timelines.get("c-1").getEntries()).extracting(TimelineEntry::getType)
                .doesNotContain(TouchpointType.CASE_REPLY);

        commands.pipeInput(STORE, CaseCommands.status(caseId, CaseStatus.DECLINED, "Not in our range, sorry", T0), T0);

        assertThat(timelines.get("c-1").getEntries()).filteredOn(e -> e.getType() == TouchpointType.CASE_REPLY)
                .extracting(TimelineEntry::getText).containsExactly("Not in our range, sorry");
        assertThat(timelines.get("c-2").getEntries()).extracting(TimelineEntry::getType)
                .doesNotContain(TouchpointType.CASE_REPLY);
    }

    private String suggest(String customerId, String store, String text) {
        pos.pipeInput(customerId, Touchpoints.suggestion(customerId, store, text, T0), T0);
        KeyValueStore<String, CustomerCase> all = store();
        try (var it = all.all()) {
            String caseId = null;
            while (it.hasNext()) {
                var entry = it.next();
                if (entry.value.getRaisers().stream().anyMatch(r -> r.getCustomerId().equals(customerId))
                        && entry.value.getGroupedInto() == null) {
                    caseId = entry.key;
                }
            }
            return caseId;
        }
    }

    private KeyValueStore<String, CustomerCase> store() {
        return driver.getKeyValueStore(ApplyCaseCommands.STORE);
    }
}
