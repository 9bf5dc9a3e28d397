package org.touchpointcrm.segmentation.segments;

import java.time.Instant;
import java.util.List;

import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.rules.CompiledRule;

/** The {@link SegmentDefinition} records this service writes; what the compiler derives is never taken from a caller. */
public final class SegmentDefinitionRecords {

    /** The owner of the definitions loaded from the built-in file. */
    public static final String BUILT_IN_OWNER = "built-in";

    private SegmentDefinitionRecords() {
    }

    /** The next version of a definition (or the first, when {@code previous} is null) with this content. */
    public static SegmentDefinition next(SegmentDefinition previous, String id, String name, String description,
                                         String ruleText, CompiledRule rule, SegmentStatus status, String owner,
                                         Instant at) {
        return SegmentDefinition.newBuilder()
                .setId(id).setName(name).setDescription(description).setRule(ruleText)
                .setOwner(owner).setVersion(previous == null ? 1 : previous.getVersion() + 1).setStatus(status)
                .setDependsOnTime(rule.dependsOnTime()).setFieldsRead(sorted(rule))
                .setCreatedAt(previous == null ? at : previous.getCreatedAt()).setChangedAt(at)
                .build();
    }

    /** An active definition of a segment compiled here: a built-in as first written to the topic, or one made in tests. */
    public static SegmentDefinition active(Segment segment, Instant at) {
        return SegmentDefinition.newBuilder()
                .setId(segment.id()).setName(segment.name()).setDescription(segment.description())
                .setRule(segment.rule().toString()).setOwner(BUILT_IN_OWNER).setVersion(segment.version())
                .setStatus(SegmentStatus.ACTIVE).setDependsOnTime(segment.rule().dependsOnTime())
                .setFieldsRead(segment.rule().fieldsRead().stream().sorted().toList())
                .setCreatedAt(at).setChangedAt(at)
                .build();
    }

    private static List<String> sorted(CompiledRule rule) {
        return rule.fieldsRead().stream().sorted().toList();
    }
}
