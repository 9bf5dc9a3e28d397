package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.rules.BuiltInSegments;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentSpec;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.Segment;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.sweep.DueIndex;
import org.touchpointcrm.segmentation.sweep.SweepProperties;
import org.touchpointcrm.segmentation.sweep.TimeSweep;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The due-time sweep through the topology the application runs, driven by the wall clock alone: no
 * event arrives after the customer's last one, yet segments and derived fields change at the instant
 * time says they do (plus at most one sweep interval), with trigger {@code time@<due instant>}.
 */
class TimeSweepTopologyTest {

    /** First: the serdes set Avro's limits before any record class is touched (the compiler touches them). */
    private static final CrmSerdes SERDES = TopologyDrivers.SERDES;
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration INTERVAL = SweepProperties.DEFAULTS.interval();
    private static final Duration FALLBACK = Duration.ofHours(1);

    @TempDir
    Path stateDir;

    private final BuiltInSegmentsTopologyTest.MovableClock clock = new BuiltInSegmentsTopologyTest.MovableClock(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, SegmentChange> changes;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    /** The built-in segments and these marketer rules, swept in slices of {@code sliceSize}. */
    private void start(int sliceSize, SegmentSpec... marketerRules) {
        List<Segment> segments = new ArrayList<>();
        try {
            for (SegmentSpec spec : Stream.concat(BuiltInSegments.load().stream(), Stream.of(marketerRules)).toList()) {
                segments.add(Segment.compile(spec, compiler));
            }
        } catch (RuleCompileException e) {
            throw new AssertionError(e);
        }
        var builder = new StreamsBuilder();
        new SegmentationTopology(SERDES, SegmentationProperties.defaults(),
                new SegmentEvaluator(segments, compiler), clock, meters,
                new SweepProperties(INTERVAL, sliceSize, Duration.ofMillis(100), FALLBACK)).build(builder);
        driver = TopologyDrivers.start(builder, "time-sweep-test", stateDir, T0, DeadLetters.streamsConfig(meters));
        changes = TopologyDrivers.output(driver, Topics.SEGMENT_CHANGES);
        // The preloaded definitions' back-fill over the empty store settles first (on the wall clock
        // only: the service's clock stays at T0), so what follows is the sweep's doing alone.
        driver.advanceWallClockTime(UpdateProfile.BACKFILL_WATCH);
        driver.advanceWallClockTime(SegmentationProperties.Backfill.DEFAULTS.interval());
    }

    private void start(SegmentSpec... marketerRules) {
        start(SweepProperties.DEFAULTS.sliceSize(), marketerRules);
    }

    @Test
    void anActiveCustomerTurnsLapsingAtTheInstantWithoutAnotherEvent() {
        start();
        Instant lapses = T0.plusSeconds(60);
        purchase("c-1", lapses.minus(Duration.ofDays(90)));
        assertThat(stage("c-1")).isEqualTo(LifecycleStage.ACTIVE);
        drain();

        passUntil(lapses.minusMillis(1));
        assertThat(drain()).as("nothing before the instant").isEmpty();

        passUntil(lapses.plus(INTERVAL));
        List<SegmentChange> moved = changes();
        assertThat(moved).extracting(SegmentChange::getSegmentId, SegmentChange::getKind).contains(
                tuple("active", SegmentChangeKind.EXITED), tuple("lapsing", SegmentChangeKind.ENTERED));
        assertThat(moved).allSatisfy(change -> {
            assertThat(change.getTriggeringEventId()).isEqualTo(TimeSweep.TIME_TRIGGER + lapses);
            assertThat(Duration.between(lapses, change.getChangedAt())).isBetween(Duration.ZERO, INTERVAL);
        });
        assertThat(stage("c-1")).isEqualTo(LifecycleStage.LAPSING);
        assertThat(profile("c-1").getSegments()).contains("lapsing").doesNotContain("active");
    }

    @Test
    void aLapsingCustomerTurnsDormantAtTheInstant() {
        start();
        Instant sleeps = T0.plusSeconds(30);
        purchase("c-1", sleeps.minus(Duration.ofDays(180)));
        assertThat(stage("c-1")).isEqualTo(LifecycleStage.LAPSING);
        drain();

        passUntil(sleeps.minusMillis(1));
        assertThat(drain()).isEmpty();
        passUntil(sleeps.plus(INTERVAL));
        assertThat(drain()).contains(tuple("c-1", "lapsing", SegmentChangeKind.EXITED),
                tuple("c-1", "dormant", SegmentChangeKind.ENTERED));
    }

    @Test
    void aWinBackEndsAtMidnightNinetyDaysAfterTheReturn() {
        start();
        purchase("c-1", T0.minus(Duration.ofDays(200)));
        purchase("c-1", T0);
        assertThat(profile("c-1").getSegments()).contains("won-back");
        drain();
        Instant ends = midnight(LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(90));

        passUntil(ends.minusMillis(1));
        assertThat(drain()).doesNotContain(tuple("c-1", "won-back", SegmentChangeKind.EXITED));
        passUntil(ends.plus(INTERVAL));
        assertThat(drain()).contains(tuple("c-1", "won-back", SegmentChangeKind.EXITED),
                tuple("c-1", "active", SegmentChangeKind.ENTERED));
    }

    @Test
    void aPurchaseLeavesTheNinetyDayWindowAtMidnightAndWithItTheSegmentReadingTheWindow() {
        start(spec("bought-this-quarter", "profile.windows.purchases90d > 0"));
        purchase("c-1", T0.minus(Duration.ofDays(89)));
        assertThat(profile("c-1").getSegments()).contains("bought-this-quarter");
        drain();
        Instant leaves = midnight(LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(1));

        passUntil(leaves.minusMillis(1));
        assertThat(drain()).isEmpty();
        passUntil(leaves.plus(INTERVAL));
        assertThat(changes()).filteredOn(c -> c.getSegmentId().equals("bought-this-quarter"))
                .singleElement().satisfies(change -> {
                    assertThat(change.getKind()).isEqualTo(SegmentChangeKind.EXITED);
                    assertThat(change.getTriggeringEventId()).isEqualTo(TimeSweep.TIME_TRIGGER + leaves);
                });
        assertThat(profile("c-1").getWindows().getPurchases90d()).isZero();
        assertThat(profile("c-1").getWindows().getPurchases365d()).isEqualTo(1);
    }

    @Test
    void loyaltyIsLeftWhenRfmRecencyFallsAtMidnight() {
        start();
        for (int day = 5; day >= 1; day--) {
            purchase("c-1", T0.minus(Duration.ofDays(day)));
        }
        assertThat(profile("c-1").getSegments()).contains("loyal");
        assertThat(profile("c-1").getRfm().getRecency()).isEqualTo(5);
        drain();
        // Recency 4 holds up to 90 days since the last purchase day; at day 91 it scores 3.
        Instant falls = midnight(LocalDate.ofInstant(T0, ZoneOffset.UTC).minusDays(1).plusDays(91));

        passUntil(falls.minusMillis(1));
        assertThat(drain()).doesNotContain(tuple("c-1", "loyal", SegmentChangeKind.EXITED));
        assertThat(profile("c-1").getRfm().getRecency()).isEqualTo(4);
        passUntil(falls.plus(INTERVAL));
        assertThat(drain()).contains(tuple("c-1", "loyal", SegmentChangeKind.EXITED));
        assertThat(profile("c-1").getRfm().getRecency()).isEqualTo(3);
    }

    @Test
    void aNewPurchaseMovesTheDueTimeAndReplacesTheOldEntry() {
        start();
        purchase("c-1", T0.minus(Duration.ofDays(60)));
        Instant wouldLapse = T0.plus(Duration.ofDays(30));
        // First due: the purchase day leaves the 90-day window at midnight, before the instant it lapses.
        assertThat(dueAt("c-1")).isEqualTo(midnight(LocalDate.ofInstant(T0, ZoneOffset.UTC).plusDays(30)));

        passUntil(T0.plus(Duration.ofDays(10)));
        Instant again = clock.instant();
        purchase("c-1", again);
        drain();

        passUntil(wouldLapse.plus(INTERVAL));
        assertThat(drain()).doesNotContain(tuple("c-1", "lapsing", SegmentChangeKind.ENTERED));
        assertThat(stage("c-1")).isEqualTo(LifecycleStage.ACTIVE);
        assertThat(indexEntries()).as("one entry per customer: the old one was deleted")
                .singleElement().satisfies(entry -> assertThat(entry).isEqualTo(dueAt("c-1")));
        passUntil(again.plus(Duration.ofDays(90)).plus(INTERVAL));
        assertThat(drain()).contains(tuple("c-1", "lapsing", SegmentChangeKind.ENTERED));
    }

    @Test
    void aSweepStopsAfterItsSliceAndResumesUntilNobodyIsDue() {
        start(3);
        Instant lapses = T0.plusSeconds(60);
        for (int i = 1; i <= 7; i++) {
            purchase("c-" + i, lapses.minus(Duration.ofDays(90)));
        }
        drain();

        passUntil(lapses);
        assertThat(enteredLapsing()).as("the first slice").isEqualTo(3);
        passUntil(clock.instant().plusMillis(100));
        assertThat(enteredLapsing()).as("the next slice, 100 ms later").isEqualTo(3);
        passUntil(clock.instant().plusMillis(100));
        assertThat(enteredLapsing()).as("the rest").isEqualTo(1);
        assertThat(meters.get(TimeSweep.SWEPT_METRIC).counter().count()).isEqualTo(7);
    }

    @Test
    void aMarketerRuleWithDaysSinceIsDueTheInstantItsCountPassesTheNumber() {
        start(spec("gone-quiet", "profile.purchases.count >= 1 && daysSince(profile.purchases.lastAt) > 60"));
        Instant quiet = T0.plusSeconds(30);
        purchase("c-1", quiet.minus(Duration.ofDays(61)));
        assertThat(profile("c-1").getSegments()).doesNotContain("gone-quiet");
        drain();
        assertThat(dueAt("c-1")).isEqualTo(quiet);

        passUntil(quiet.minusMillis(1));
        assertThat(drain()).isEmpty();
        passUntil(quiet.plus(INTERVAL));
        assertThat(drain()).containsExactly(tuple("c-1", "gone-quiet", SegmentChangeKind.ENTERED));
    }

    @Test
    void aRuleThatCannotBeAnalysedIsAskedAgainAtTheFallbackInterval() {
        start(spec("web-this-month",
                "size(profile.contactsByChannel.filter(c, profile.contactsByChannel[c].lastAt > now - days(30))) >= 1"));
        Instant stale = T0.plus(Duration.ofMinutes(30));
        send(Touchpoints.webVisit("c-1", stale.minus(Duration.ofDays(30))));
        assertThat(profile("c-1").getSegments()).contains("web-this-month");
        drain();
        assertThat(dueAt("c-1")).isEqualTo(T0.plus(FALLBACK));

        passUntil(stale.plus(INTERVAL));
        assertThat(drain()).as("the exact instant is not known; the fallback check is").isEmpty();
        passUntil(T0.plus(FALLBACK).plus(INTERVAL));
        assertThat(drain()).containsExactly(tuple("c-1", "web-this-month", SegmentChangeKind.EXITED));
    }

    @Test
    void aRuleReadingSegmentsFollowsAMembershipTheSweepChanged() {
        start(spec("a-lapsing-one-timer", "\"lapsing\" in profile.segments && profile.purchases.count == 1"));
        Instant lapses = T0.plusSeconds(60);
        purchase("c-1", lapses.minus(Duration.ofDays(90)));
        drain();

        passUntil(lapses.plus(INTERVAL));
        assertThat(drain()).contains(tuple("c-1", "lapsing", SegmentChangeKind.ENTERED),
                tuple("c-1", "a-lapsing-one-timer", SegmentChangeKind.ENTERED));
        assertThat(profile("c-1").getSegments()).contains("lapsing", "a-lapsing-one-timer");
    }

    @Test
    void aCustomerWhoseRulesCannotChangeWithTimeIsNeverDue() {
        start();
        send(Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, T0)
                .setText("ok").setRating(4).build());
        assertThat(dueAt("c-1")).as("only rules on the clock or purchases can move this customer; none applies")
                .isNull();
    }

    private static SegmentSpec spec(String id, String rule) {
        return new SegmentSpec(id, 1, id, null, rule);
    }

    private static Instant midnight(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Time passes on the service's clock and on the wall clock the punctuators run by. */
    private void passUntil(Instant instant) {
        Duration step = Duration.between(clock.instant(), instant);
        clock.advance(step);
        driver.advanceWallClockTime(step);
    }

    private long enteredLapsing() {
        return changes().stream()
                .filter(c -> c.getSegmentId().equals("lapsing") && c.getKind() == SegmentChangeKind.ENTERED).count();
    }

    private List<SegmentChange> changes() {
        return changes.readValuesToList();
    }

    private List<org.assertj.core.groups.Tuple> drain() {
        return changes().stream().map(c -> tuple(c.getCustomerId(), c.getSegmentId(), c.getKind())).toList();
    }

    private CustomerProfile profile(String customer) {
        return driver.<String, CustomerProfile>getKeyValueStore(UpdateProfile.STORE).get(customer);
    }

    private LifecycleStage stage(String customer) {
        return profile(customer).getLifecycleStage();
    }

    private Instant dueAt(String customer) {
        Long millis = driver.<String, Long>getKeyValueStore(DueIndex.DUE_AT_STORE).get(customer);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** The due instants in the time-ordered index. */
    private List<Instant> indexEntries() {
        KeyValueStore<Bytes, byte[]> index = driver.getKeyValueStore(DueIndex.STORE);
        List<Instant> entries = new ArrayList<>();
        try (var all = index.all()) {
            all.forEachRemaining((KeyValue<Bytes, byte[]> kv) ->
                    entries.add(Instant.ofEpochMilli(ByteBuffer.wrap(kv.key.get()).getLong())));
        }
        return entries;
    }

    private void purchase(String customer, Instant at) {
        send(Touchpoints.purchase(customer, "20.00", at));
    }

    private void send(TouchpointEvent event) {
        TopologyDrivers.input(driver, Topics.touchpoints(event.getChannel()))
                .pipeInput(event.getCustomer().getCustomerId(), event, clock.instant());
    }
}
