package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Segments defined at run time through crm.segment-definitions: a new, changed, retired or drafted
 * definition reaches the evaluator at once and is applied to every stored profile by the back-fill,
 * slice by slice, so that crm.segment-changes stays the complete history of membership.
 */
class SegmentDefinitionsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration SLICE_INTERVAL = SegmentationProperties.Backfill.DEFAULTS.interval();

    @TempDir
    Path stateDir;

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();
    private final SegmentCatalogue catalogue = new SegmentCatalogue(compiler);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SegmentDefinition> definitions;
    private TestInputTopic<String, TouchpointEvent> pos;
    private TestOutputTopic<String, SegmentChange> changes;
    private TestOutputTopic<String, CustomerProfile> profiles;
    private final Map<String, Integer> versions = new HashMap<>();

    private void start(int sliceSize) {
        SegmentationProperties defaults = SegmentationProperties.defaults();
        SegmentationProperties properties = new SegmentationProperties(defaults.dedupeRetention(), defaults.rfm(),
                defaults.lifecycle(), defaults.statsInterval(),
                new SegmentationProperties.Backfill(sliceSize, SLICE_INTERVAL), defaults.timeline());
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, properties, new SegmentEvaluator(catalogue, compiler),
                Clock.fixed(T0, ZoneOffset.UTC), meters).build(builder);
        driver = TopologyDrivers.start(builder, "segment-definitions-test", stateDir, T0, DeadLetters.streamsConfig(meters));
        definitions = TopologyDrivers.input(driver, Topics.SEGMENT_DEFINITIONS);
        pos = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_POS);
        changes = TopologyDrivers.output(driver, Topics.SEGMENT_CHANGES);
        profiles = TopologyDrivers.output(driver, Topics.CUSTOMER_PROFILES);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aNewActiveSegmentIsAppliedToEveryStoredProfile() {
        start(1000);
        purchases("c-1", 2);
        purchases("c-2", 1);
        purchases("c-3", 3);
        changes.readRecordsToList();

        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);
        assertThat(changes.isEmpty()).as("nothing is measured before the back-fill's slice runs").isTrue();
        letTheBackFillRun();

        List<SegmentChange> entered = changes.readValuesToList();
        assertThat(entered).extracting(SegmentChange::getCustomerId, SegmentChange::getKind,
                        SegmentChange::getSegmentVersion, SegmentChange::getTriggeringEventId)
                .containsExactly(tuple("c-1", SegmentChangeKind.ENTERED, 1, "segment-definition@repeat-buyers/v1"),
                        tuple("c-3", SegmentChangeKind.ENTERED, 1, "segment-definition@repeat-buyers/v1"));
        assertThat(stored("c-1").getSegments()).contains("repeat-buyers");
        assertThat(stored("c-2").getSegments()).doesNotContain("repeat-buyers");
        assertThat(profiles.readKeyValuesToMap()).as("the profiles whose membership changed are published")
                .containsOnlyKeys("c-1", "c-2", "c-3")
                .satisfies(published -> assertThat(published.get("c-3").getSegments()).contains("repeat-buyers"));

        driver.advanceWallClockTime(SLICE_INTERVAL.multipliedBy(5));
        assertThat(changes.isEmpty()).as("a definition is applied once").isTrue();
    }

    @Test
    void anIdleTaskNoticesANewDefinitionAtItsNextWatchAndSlicesOnlyWhileABackFillIsPending() {
        start(1000);
        purchases("c-1", 2);
        driver.advanceWallClockTime(UpdateProfile.BACKFILL_WATCH);
        changes.readRecordsToList();

        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);
        driver.advanceWallClockTime(SLICE_INTERVAL);
        assertThat(changes.isEmpty()).as("a settled, idle task runs no slices").isTrue();
        driver.advanceWallClockTime(UpdateProfile.BACKFILL_WATCH.minus(SLICE_INTERVAL));
        driver.advanceWallClockTime(SLICE_INTERVAL);

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getKind)
                .containsExactly(tuple("c-1", SegmentChangeKind.ENTERED));
    }

    @Test
    void touchpointsAreMeasuredAgainstAPublishedSegmentAtOnce() {
        start(1000);
        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);

        purchases("c-9", 2);

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId, SegmentChange::getKind,
                        SegmentChange::getSegmentVersion)
                .contains(tuple("repeat-buyers", SegmentChangeKind.ENTERED, 1));
    }

    @Test
    void theBackFillGoesSliceBySliceAndTouchpointsFlowMeanwhile() {
        start(2);
        for (int i = 1; i <= 5; i++) {
            purchases("c-" + i, 2);
        }
        changes.readRecordsToList();
        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);

        driver.advanceWallClockTime(UpdateProfile.BACKFILL_WATCH);
        assertThat(changes.readValuesToList()).as("one slice").extracting(SegmentChange::getCustomerId)
                .containsExactly("c-1", "c-2");
        purchases("c-0", 2);
        assertThat(changes.readValuesToList()).as("a touchpoint between slices is measured at once")
                .extracting(SegmentChange::getCustomerId, SegmentChange::getSegmentId)
                .contains(tuple("c-0", "repeat-buyers"));
        driver.advanceWallClockTime(SLICE_INTERVAL);
        driver.advanceWallClockTime(SLICE_INTERVAL);
        driver.advanceWallClockTime(SLICE_INTERVAL);

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId)
                .containsExactly("c-3", "c-4", "c-5");
        assertThat(meters.counter(SegmentationTopology.BACKFILL_METRIC).count())
                .as("c-1 to c-5; c-0 sorts before the cursor, and its touchpoint measured it").isEqualTo(5.0);
    }

    @Test
    void aChangedRuleMakesExactlyTheExitsAndEntriesItImplies() {
        start(1000);
        purchases("two", 2);
        purchases("three", 3);
        purchases("one", 1);
        publishRepeatBuyersAndApplyIt();

        publish("repeat-buyers", "profile.purchases.count == 1 || profile.purchases.count >= 3", SegmentStatus.ACTIVE);
        letTheBackFillRun();

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getKind,
                        SegmentChange::getSegmentVersion)
                .containsExactlyInAnyOrder(tuple("two", SegmentChangeKind.EXITED, 2),
                        tuple("one", SegmentChangeKind.ENTERED, 2));
        assertThat(stored("three").getSegments()).contains("repeat-buyers");
    }

    @Test
    void retiringASegmentLetsEveryMemberGo() {
        start(1000);
        purchases("c-1", 2);
        purchases("c-2", 2);
        publishRepeatBuyersAndApplyIt();

        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.RETIRED);
        letTheBackFillRun();

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getKind,
                        SegmentChange::getSegmentVersion)
                .containsExactly(tuple("c-1", SegmentChangeKind.EXITED, 2), tuple("c-2", SegmentChangeKind.EXITED, 2));
        purchases("c-1", 1);
        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId).doesNotContain("repeat-buyers");
        assertThat(stored("c-1").getSegments()).doesNotContain("repeat-buyers");
    }

    @Test
    void aDraftIsNotEvaluatedUntilItIsActivated() {
        start(1000);
        purchases("c-1", 2);
        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.DRAFT);
        letTheBackFillRun();
        purchases("c-2", 2);
        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId).doesNotContain("repeat-buyers");
        assertThat(meters.counter(SegmentationTopology.BACKFILL_METRIC).count())
                .as("a first draft has no members to measure").isZero();

        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);
        letTheBackFillRun();

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getSegmentVersion)
                .containsExactly(tuple("c-1", 2), tuple("c-2", 2));
    }

    @Test
    void editingASegmentThatHasNoMembersCostsNoPass() {
        start(1000);
        purchases("c-1", 2);
        purchases("c-2", 2);
        publishRepeatBuyersAndApplyIt();
        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.RETIRED);
        letTheBackFillRun();
        double measured = meters.counter(SegmentationTopology.BACKFILL_METRIC).count();

        publish("repeat-buyers", "profile.purchases.count >= 3", SegmentStatus.DRAFT);
        letTheBackFillRun();
        assertThat(meters.counter(SegmentationTopology.BACKFILL_METRIC).count()).isEqualTo(measured);

        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);
        letTheBackFillRun();
        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getKind,
                        SegmentChange::getSegmentVersion)
                .containsExactly(tuple("c-1", SegmentChangeKind.EXITED, 2), tuple("c-2", SegmentChangeKind.EXITED, 2),
                        tuple("c-1", SegmentChangeKind.ENTERED, 4), tuple("c-2", SegmentChangeKind.ENTERED, 4));
    }

    @Test
    void aTombstoneIsTakenAsRetirement() {
        start(1000);
        purchases("c-1", 2);
        publishRepeatBuyersAndApplyIt();

        definitions.pipeInput("repeat-buyers", null, T0);
        letTheBackFillRun();

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getCustomerId, SegmentChange::getKind,
                SegmentChange::getSegmentVersion).containsExactly(tuple("c-1", SegmentChangeKind.EXITED, 2));
        assertThat(catalogue.entry("repeat-buyers")).hasValueSatisfying(entry ->
                assertThat(entry.definition().getStatus()).isEqualTo(SegmentStatus.RETIRED));
    }

    @Test
    void aStoredRuleThatNoLongerCompilesLeavesItsMembersAlone() {
        start(1000);
        purchases("c-1", 2);
        publishRepeatBuyersAndApplyIt();

        publish("repeat-buyers", "profile.purchases.no_such_field >= 2", SegmentStatus.ACTIVE);
        letTheBackFillRun();
        purchases("c-1", 1);

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId).doesNotContain("repeat-buyers");
        assertThat(stored("c-1").getSegments()).contains("repeat-buyers");
        assertThat(catalogue.entry("repeat-buyers")).hasValueSatisfying(entry ->
                assertThat(entry.problem()).contains("no_such_field"));
    }

    /** repeat-buyers (two purchases or more), active and applied to every stored profile; its changes read. */
    private void publishRepeatBuyersAndApplyIt() {
        publish("repeat-buyers", "profile.purchases.count >= 2", SegmentStatus.ACTIVE);
        letTheBackFillRun();
        changes.readRecordsToList();
    }

    /** The next watch notices a new definition, and the slice after it applies it (every profile here fits one). */
    private void letTheBackFillRun() {
        driver.advanceWallClockTime(UpdateProfile.BACKFILL_WATCH);
        driver.advanceWallClockTime(SLICE_INTERVAL);
    }

    private void publish(String id, String rule, SegmentStatus status) {
        int version = versions.merge(id, 1, Integer::sum);
        var compiled = rule.contains("no_such_field") ? null : compileOrFail(rule);
        definitions.pipeInput(id, SegmentDefinition.newBuilder()
                .setId(id).setName(id).setDescription(null).setRule(rule).setOwner("marketer").setVersion(version)
                .setStatus(status).setDependsOnTime(compiled != null && compiled.dependsOnTime())
                .setFieldsRead(compiled == null ? List.of() : compiled.fieldsRead().stream().sorted().toList())
                .setCreatedAt(T0).setChangedAt(T0).build(), T0);
    }

    private CompiledRule compileOrFail(String rule) {
        try {
            return compiler.compile(rule);
        } catch (RuleCompileException e) {
            throw new AssertionError(e);
        }
    }

    private void purchases(String customerId, int count) {
        for (int i = 0; i < count; i++) {
            TouchpointEvent purchase = Touchpoints.purchase(customerId, "10.00", T0.minus(Duration.ofDays(i + 1)));
            pos.pipeInput(customerId, purchase, T0);
        }
    }

    private CustomerProfile stored(String customerId) {
        KeyValueStore<String, CustomerProfile> store = driver.getKeyValueStore(UpdateProfile.STORE);
        return store.get(customerId);
    }
}
