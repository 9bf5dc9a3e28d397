package org.touchpointcrm.segmentation.stats;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.state.KeyValueStore;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@value #NAME}: the members of each segment whose size this instance keeps. {@link CountSegmentChanges}
 * counts each segment's size in exactly one task (the changes are grouped by segment), so every segment is
 * reported by the one instance that runs that task, and 0 by any other that reported it before; summed by
 * segment over the instances, it is the segment's size as {@code GET /v1/segments} gives it.
 *
 * <p>Why a copy in memory rather than a read of the sizes store at each scrape: a scrape would then be an
 * interactive query from a web thread, failing while tasks move; instead the processor that writes a size
 * also sets it here, a task's sizes are read once when the task starts (a store of one row per segment), and
 * dropped when it closes. A scrape reads a map. Under exactly-once an aborted transaction closes and restarts
 * its tasks, which reads their sizes again.
 */
public final class SegmentMembers {

    public static final String NAME = "crm.segmentation.segment.members";

    private final MeterRegistry registry;
    private final ConcurrentMap<TaskId, ConcurrentMap<String, Long>> sizesByTask = new ConcurrentHashMap<>();
    private final Set<String> gauged = ConcurrentHashMap.newKeySet();

    public SegmentMembers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A task started: its sizes as its store holds them. */
    void started(TaskId task, KeyValueStore<String, Long> sizes) {
        ConcurrentMap<String, Long> ofTask = new ConcurrentHashMap<>();
        try (var all = sizes.all()) {
            all.forEachRemaining(entry -> ofTask.put(entry.key, entry.value));
        }
        sizesByTask.put(task, ofTask);
        ofTask.keySet().forEach(this::gauge);
    }

    void changed(TaskId task, String segmentId, long size) {
        sizesByTask.computeIfAbsent(task, t -> new ConcurrentHashMap<>()).put(segmentId, size);
        gauge(segmentId);
    }

    /** A task closed (moved to another instance, or the app stops): its segments are no longer counted here. */
    void closed(TaskId task) {
        sizesByTask.remove(task);
    }

    /** Members of the segment on this instance's tasks. */
    public long members(String segmentId) {
        long members = 0;
        for (Map<String, Long> ofTask : sizesByTask.values()) {
            members += ofTask.getOrDefault(segmentId, 0L);
        }
        return members;
    }

    private void gauge(String segmentId) {
        if (gauged.add(segmentId)) {
            Gauge.builder(NAME, () -> members(segmentId))
                    .description("Members of the segment counted on this instance; summed over instances, its size")
                    .tag("segment", segmentId)
                    .register(registry);
        }
    }
}
