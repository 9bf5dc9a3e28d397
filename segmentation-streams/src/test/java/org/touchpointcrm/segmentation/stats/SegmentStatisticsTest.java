package org.touchpointcrm.segmentation.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The statistics sub-topology, fed segment changes as crm.segment-changes carries them. */
class SegmentStatisticsTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final String BUYERS = "purchasers";

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, SegmentChange> changes;
    private TestOutputTopic<String, SegmentStats> stats;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        SegmentStatistics.addTo(builder.stream(Topics.SEGMENT_CHANGES.name(),
                TopologyDrivers.SERDES.consumed(Topics.SEGMENT_CHANGES)),
                TopologyDrivers.SERDES, INTERVAL, new SegmentMembers(meters));
        driver = TopologyDrivers.start(builder, "crm-segment-stats-test", stateDir, T0);
        changes = TopologyDrivers.input(driver, Topics.SEGMENT_CHANGES);
        stats = TopologyDrivers.output(driver, Topics.SEGMENT_STATS);
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void entriesAndExitsAreCountedPerHourAndTheSizeCarriesAcrossHours() {
        enter("c-1", BUYERS, T0.plusSeconds(60));
        enter("c-2", BUYERS, T0.plusSeconds(120));
        enter("c-3", BUYERS, T0.plusSeconds(180));
        exit("c-1", BUYERS, T0.plusSeconds(240));
        enter("c-4", BUYERS, T0.plusSeconds(3600 + 30));

        driver.advanceWallClockTime(INTERVAL);

        Map<String, SegmentStats> written = stats.readKeyValuesToMap();
        assertThat(written).containsOnlyKeys(Topics.segmentStatsKey(BUYERS, T0),
                Topics.segmentStatsKey(BUYERS, T0.plusSeconds(3600)));
        SegmentStats ten = written.get(Topics.segmentStatsKey(BUYERS, T0));
        assertThat(ten.getSegmentId()).isEqualTo(BUYERS);
        assertThat(ten.getHourStart()).isEqualTo(T0);
        assertThat(List.of(ten.getEntered(), ten.getExited(), ten.getSize())).containsExactly(3L, 1L, 2L);
        assertThat(ten.getUpdatedAt()).isEqualTo(T0.plusSeconds(240));
        SegmentStats eleven = written.get(Topics.segmentStatsKey(BUYERS, T0.plusSeconds(3600)));
        assertThat(List.of(eleven.getEntered(), eleven.getExited(), eleven.getSize())).containsExactly(1L, 0L, 3L);
    }

    @Test
    void anExitLowersTheSizeInTheHourItHappens() {
        enter("c-1", BUYERS, T0);
        enter("c-2", BUYERS, T0.plusSeconds(1));
        driver.advanceWallClockTime(INTERVAL);
        stats.readRecordsToList();

        exit("c-2", BUYERS, T0.plus(Duration.ofHours(3)));
        driver.advanceWallClockTime(INTERVAL);

        KeyValue<String, SegmentStats> later = stats.readKeyValue();
        assertThat(later.key).isEqualTo(Topics.segmentStatsKey(BUYERS, T0.plus(Duration.ofHours(3))));
        assertThat(List.of(later.value.getEntered(), later.value.getExited(), later.value.getSize()))
                .containsExactly(0L, 1L, 1L);
        assertThat(sizes().get(BUYERS)).isEqualTo(1L);
    }

    @Test
    void nothingIsWrittenBeforeTheIntervalHasPassed() {
        enter("c-1", BUYERS, T0);

        driver.advanceWallClockTime(INTERVAL.minusSeconds(1));
        assertThat(stats.isEmpty()).isTrue();

        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(stats.readValue().getEntered()).isEqualTo(1);
    }

    @Test
    void manyChangesToOneHourAreOneRecordPerInterval() {
        for (int i = 0; i < 200; i++) {
            enter("c-" + i, BUYERS, T0.plusSeconds(i));
        }
        driver.advanceWallClockTime(INTERVAL);

        List<SegmentStats> first = stats.readValuesToList();
        assertThat(first).singleElement().satisfies(hour -> assertThat(hour.getEntered()).isEqualTo(200));

        for (int i = 0; i < 50; i++) {
            exit("c-" + i, BUYERS, T0.plusSeconds(300 + i));
        }
        driver.advanceWallClockTime(INTERVAL);
        driver.advanceWallClockTime(INTERVAL);

        assertThat(stats.readValuesToList()).singleElement().satisfies(hour -> {
            assertThat(hour.getEntered()).isEqualTo(200);
            assertThat(hour.getExited()).isEqualTo(50);
            assertThat(hour.getSize()).isEqualTo(150);
        });
        assertThat(pendingMarks()).isZero();
    }

    @Test
    void eachSegmentIsCountedOnItsOwn() {
        enter("c-1", BUYERS, T0);
        enter("c-1", "loyal", T0);
        enter("c-2", "loyal", T0.plusSeconds(5));

        driver.advanceWallClockTime(INTERVAL);

        Map<String, SegmentStats> written = stats.readKeyValuesToMap();
        assertThat(written.get(Topics.segmentStatsKey(BUYERS, T0)).getSize()).isEqualTo(1);
        assertThat(written.get(Topics.segmentStatsKey("loyal", T0)).getSize()).isEqualTo(2);
        assertThat(sizes().get("loyal")).isEqualTo(2L);
    }

    @Test
    void theMembersGaugeOfEachSegmentIsItsSizeAtOnceWithoutWaitingForTheInterval() {
        enter("c-1", BUYERS, T0);
        enter("c-2", BUYERS, T0.plusSeconds(1));
        enter("c-1", "loyal", T0.plusSeconds(2));
        exit("c-2", BUYERS, T0.plusSeconds(3));

        assertThat(members(BUYERS)).isEqualTo(1.0);
        assertThat(members("loyal")).isEqualTo(1.0);
    }

    @Test
    void theHistoryIsARangeOfOneSegmentsHours() {
        for (int hour = 0; hour < 6; hour++) {
            enter("c-" + hour, BUYERS, T0.plus(Duration.ofHours(hour)).plusSeconds(10));
            enter("c-" + hour, BUYERS + "-eu", T0.plus(Duration.ofHours(hour)).plusSeconds(10));
        }
        KeyValueStore<String, SegmentStats> hours = driver.getKeyValueStore(CountSegmentChanges.HOURS);

        // [10:30, 13:00): the hours starting at 11:00 and 12:00; 13:00 is the exclusive end.
        List<HourStats> answer = SegmentStatsStores.read(hours, BUYERS,
                new StatsPeriod(T0.plus(Duration.ofMinutes(30)), T0.plus(Duration.ofHours(3))));

        assertThat(answer).extracting(HourStats::hourStart)
                .containsExactly(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)));
        assertThat(answer).extracting(HourStats::size).containsExactly(2L, 3L);
        assertThat(SegmentStatsStores.read(hours, BUYERS, new StatsPeriod(T0.plusSeconds(60), T0.plusSeconds(120))))
                .isEmpty();
    }

    private void enter(String customerId, String segmentId, Instant at) {
        changes.pipeInput(customerId, change(customerId, segmentId, SegmentChangeKind.ENTERED, at), at);
    }

    private void exit(String customerId, String segmentId, Instant at) {
        changes.pipeInput(customerId, change(customerId, segmentId, SegmentChangeKind.EXITED, at), at);
    }

    static SegmentChange change(String customerId, String segmentId, SegmentChangeKind kind, Instant at) {
        return SegmentChange.newBuilder().setCustomerId(customerId).setSegmentId(segmentId).setSegmentVersion(1)
                .setKind(kind).setChangedAt(at).setTriggeringEventId("ev-" + customerId + "-" + at)
                .setProfileVersion(1).build();
    }

    private double members(String segmentId) {
        return meters.get(SegmentMembers.NAME).tag("segment", segmentId).gauge().value();
    }

    private KeyValueStore<String, Long> sizes() {
        return driver.getKeyValueStore(CountSegmentChanges.SIZES);
    }

    private long pendingMarks() {
        KeyValueStore<String, Long> pending = driver.getKeyValueStore(CountSegmentChanges.PENDING);
        return pending.approximateNumEntries();
    }
}
