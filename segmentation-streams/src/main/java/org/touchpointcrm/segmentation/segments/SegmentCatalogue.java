package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;

/**
 * Every segment definition this instance knows, the newest version per id, with the active ones
 * compiled. Fed from {@code crm.segment-definitions} (every instance reads all of it, see
 * {@code ReadSegmentDefinitions}); read by the stream threads and the REST API. Readers get an
 * immutable snapshot behind a volatile reference, so they never see half a change.
 */
public final class SegmentCatalogue {

    private static final Logger log = LoggerFactory.getLogger(SegmentCatalogue.class);

    /**
     * One definition and, when it is active and its rule compiles here, the segment to evaluate.
     *
     * @param problem why an active definition's rule does not compile on this instance (then its
     *                members are left as they are until a new version fixes it), else null
     */
    public record Entry(SegmentDefinition definition, Segment segment, String problem) {

        public String id() {
            return definition.getId();
        }

        public int version() {
            return definition.getVersion();
        }

        /** Evaluated for every profile. */
        public boolean active() {
            return segment != null;
        }
    }

    private record Snapshot(Map<String, Entry> entries, List<Segment> active, long generation) {
    }

    private final ProfileRuleCompiler compiler;
    private final List<Consumer<SegmentDefinition>> listeners = new CopyOnWriteArrayList<>();
    private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), 0);

    public SegmentCatalogue(ProfileRuleCompiler compiler) {
        this.compiler = compiler;
    }

    /** A catalogue that starts with these segments active, for tests and tools. */
    public static SegmentCatalogue preloaded(List<Segment> segments, ProfileRuleCompiler compiler, Instant at) {
        SegmentCatalogue catalogue = new SegmentCatalogue(compiler);
        synchronized (catalogue) {
            for (Segment segment : segments) {
                catalogue.put(new Entry(SegmentDefinitionRecords.active(segment, at), segment, null));
            }
        }
        return catalogue;
    }

    /**
     * Takes a definition read from the topic. A version older than the one known is ignored (the
     * topic is written in order per id, so only a writer that lost a race produces one).
     */
    public synchronized void apply(SegmentDefinition definition) {
        Entry known = snapshot.entries().get(definition.getId());
        if (known != null && known.version() > definition.getVersion()) {
            log.warn("Segment definition '{}' version {} ignored: version {} is already known", definition.getId(),
                    definition.getVersion(), known.version());
            return;
        }
        put(compile(definition));
        listeners.forEach(listener -> listener.accept(definition));
    }

    /** Called with every definition taken, after readers can see it. */
    public void onChange(Consumer<SegmentDefinition> listener) {
        listeners.add(listener);
    }

    /** Grows with every definition taken: a reader that saw this generation has seen everything up to it. */
    public long generation() {
        return snapshot.generation();
    }

    /** The segments to evaluate now, in id order. */
    public List<Segment> active() {
        return snapshot.active();
    }

    public Optional<Entry> entry(String id) {
        return Optional.ofNullable(snapshot.entries().get(id));
    }

    /** Every known definition, in id order. */
    public Collection<Entry> entries() {
        return snapshot.entries().values();
    }

    private Entry compile(SegmentDefinition definition) {
        if (definition.getStatus() != SegmentStatus.ACTIVE) {
            return new Entry(definition, null, null);
        }
        try {
            return new Entry(definition, Segment.compile(definition, compiler), null);
        } catch (RuleCompileException e) {
            // Only rules that compiled are written, so this means the rule language changed under a
            // stored rule. Leaving its members alone is safer than letting everybody go.
            log.error("Segment definition '{}' version {} does not compile here and is not evaluated; its members"
                    + " stay as they are until a new version is published: {}", definition.getId(),
                    definition.getVersion(), e.getMessage());
            return new Entry(definition, null, e.getMessage());
        }
    }

    private void put(Entry entry) {
        Map<String, Entry> entries = new TreeMap<>(snapshot.entries());
        entries.put(entry.id(), entry);
        List<Segment> active = new ArrayList<>();
        entries.values().stream().filter(Entry::active).forEach(e -> active.add(e.segment()));
        snapshot = new Snapshot(Collections.unmodifiableMap(entries), List.copyOf(active), snapshot.generation() + 1);
    }
}
