package org.touchpointcrm.segmentation.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.schemas.Topics;

/**
 * Counts segment changes, keyed by segmentId: the running size of each segment and the figures of
 * each (segment, hour), and forwards a changed hour at most once per interval.
 *
 * <p>Which hours are still to be written lives in {@link #PENDING}, a small changelogged store,
 * not in the processor's memory: under exactly_once_v2 the counts, the pending marks and the
 * records the punctuator forwards commit together, so a crash either loses none of them (and the
 * restored marks are written by the next punctuation) or all of them (and the changes are counted
 * again). The punctuator reads only the pending marks, never the history.
 */
public final class CountSegmentChanges implements Processor<String, SegmentChange, String, SegmentStats> {

    /** Members per segment now, by segmentId. */
    public static final String SIZES = "segment-sizes";
    /** Figures per segment and hour, by {@link Topics#segmentStatsKey}: one segment's hours sort together. */
    public static final String HOURS = "segment-stats-by-hour";
    /** The (segment, hour) keys counted since the last punctuation, with when each was first counted. */
    public static final String PENDING = "segment-stats-pending";

    private final Duration interval;
    private final SegmentMembers members;
    private ProcessorContext<String, SegmentStats> context;
    private KeyValueStore<String, Long> sizes;
    private KeyValueStore<String, SegmentStats> hours;
    private KeyValueStore<String, Long> pending;

    /** @param members where this task's sizes are reported as {@value SegmentMembers#NAME} */
    public CountSegmentChanges(Duration interval, SegmentMembers members) {
        this.interval = interval;
        this.members = members;
    }

    /** The processor with its three stores, so the topology adds them where it adds the processor. */
    public static ProcessorSupplier<String, SegmentChange, String, SegmentStats> supplier(Duration interval,
                                                                                          Serde<SegmentStats> statsSerde,
                                                                                          SegmentMembers members) {
        Set<StoreBuilder<?>> stores = Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(SIZES), Serdes.String(), Serdes.Long())
                        .withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(HOURS), Serdes.String(), statsSerde)
                        .withCachingEnabled(),
                // Small (the hours counted within one interval) and read whole by every punctuation.
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(PENDING), Serdes.String(), Serdes.Long()));
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, SegmentChange, String, SegmentStats> get() {
                return new CountSegmentChanges(interval, members);
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return stores;
            }
        };
    }

    @Override
    public void init(ProcessorContext<String, SegmentStats> context) {
        this.context = context;
        this.sizes = context.getStateStore(SIZES);
        this.hours = context.getStateStore(HOURS);
        this.pending = context.getStateStore(PENDING);
        members.started(context.taskId(), sizes);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::emitPending);
    }

    @Override
    public void process(Record<String, SegmentChange> record) {
        SegmentChange change = record.value();
        String segmentId = change.getSegmentId();
        long size = HourlyCounts.sizeAfter(Objects.requireNonNullElse(sizes.get(segmentId), 0L), change);
        sizes.put(segmentId, size);
        members.changed(context.taskId(), segmentId, size);
        Instant hour = HourlyCounts.hourOf(change.getChangedAt());
        String key = Topics.segmentStatsKey(segmentId, hour);
        hours.put(key, HourlyCounts.count(hours.get(key), change, size));
        pending.putIfAbsent(key, record.timestamp());
    }

    @Override
    public void close() {
        members.closed(context.taskId());
    }

    /** Writes each hour counted since the last time once, with its newest figures. */
    private void emitPending(long now) {
        List<String> due = new ArrayList<>();
        try (var marks = pending.all()) {
            marks.forEachRemaining(mark -> due.add(mark.key));
        }
        for (String key : due) {
            SegmentStats stats = hours.get(key);
            if (stats != null) {
                context.forward(new Record<>(key, stats, now));
            }
            pending.delete(key);
        }
    }
}
