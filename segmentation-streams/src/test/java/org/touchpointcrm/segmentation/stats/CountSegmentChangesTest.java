package org.touchpointcrm.segmentation.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What is still to be written survives a crash: it lives in the processor's stores, which
 * exactly_once_v2 commits together with the counts and restores from their changelogs.
 */
class CountSegmentChangesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    // The stores as the changelogs restore them after a crash: the state of the last commit.
    private final KeyValueStore<String, Long> sizes = store(CountSegmentChanges.SIZES, Serdes.Long());
    private final KeyValueStore<String, SegmentStats> hours = store(CountSegmentChanges.HOURS,
            TopologyDrivers.SERDES.value(Topics.SEGMENT_STATS));
    private final KeyValueStore<String, Long> pending = store(CountSegmentChanges.PENDING, Serdes.Long());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SegmentMembers members = new SegmentMembers(meters);

    @Test
    void anHourCountedButNotYetWrittenBeforeACrashIsWrittenAfterTheRestart() {
        MockProcessorContext<String, SegmentStats> beforeCrash = context();
        var counter = new CountSegmentChanges(INTERVAL, members);
        counter.init(beforeCrash);
        counter.process(new Record<>("purchasers",
                SegmentStatisticsTest.change("c-1", "purchasers", SegmentChangeKind.ENTERED, T0), T0.toEpochMilli()));
        // The commit after process() took the counts and the pending mark; then the instance died
        // before its punctuator ran.
        assertThat(beforeCrash.forwarded()).isEmpty();

        MockProcessorContext<String, SegmentStats> afterRestart = context();
        var restarted = new CountSegmentChanges(INTERVAL, members);
        restarted.init(afterRestart);
        punctuate(afterRestart, T0.plus(INTERVAL));

        var written = afterRestart.forwarded().stream().map(MockProcessorContext.CapturedForward::record).toList();
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(Topics.segmentStatsKey("purchasers", T0));
            assertThat(record.value().getEntered()).isEqualTo(1);
            assertThat(record.value().getSize()).isEqualTo(1);
        });

        afterRestart.resetForwards();
        punctuate(afterRestart, T0.plus(INTERVAL.multipliedBy(2)));
        assertThat(afterRestart.forwarded()).isEmpty();
    }

    @Test
    void aTaskStartedOnAnotherInstanceReportsTheMembersItsStoreRestoredAndTheOldOneNoLonger() {
        var before = new CountSegmentChanges(INTERVAL, members);
        before.init(context());
        before.process(new Record<>("purchasers",
                SegmentStatisticsTest.change("c-1", "purchasers", SegmentChangeKind.ENTERED, T0), T0.toEpochMilli()));
        assertThat(members.members("purchasers")).isEqualTo(1);

        before.close();
        assertThat(meters.get(SegmentMembers.NAME).tag("segment", "purchasers").gauge().value()).isZero();

        // The same stores, as the next owner's restore from the changelogs gives them.
        var elsewhere = new SegmentMembers(new SimpleMeterRegistry());
        new CountSegmentChanges(INTERVAL, elsewhere).init(context());
        assertThat(elsewhere.members("purchasers")).isEqualTo(1);
    }

    private MockProcessorContext<String, SegmentStats> context() {
        var context = new MockProcessorContext<String, SegmentStats>();
        for (StateStore store : List.<StateStore>of(sizes, hours, pending)) {
            context.addStateStore(store);
        }
        return context;
    }

    private static void punctuate(MockProcessorContext<String, SegmentStats> context, Instant at) {
        context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(at.toEpochMilli()));
    }

    private static <V> KeyValueStore<String, V> store(String name, org.apache.kafka.common.serialization.Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        var init = new MockProcessorContext<String, SegmentStats>();
        store.init(init.getStateStoreContext(), store);
        return store;
    }
}
