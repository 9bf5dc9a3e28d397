package org.touchpointcrm.segmentation.definitions;

import java.time.Instant;
import java.util.List;

import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;

/** A segment definition as the API shows it: the Avro record field by field. */
public record DefinitionView(String id, String name, String description, String rule, String owner, int version,
                             SegmentStatus status, boolean dependsOnTime, List<String> fieldsRead, Instant createdAt,
                             Instant changedAt) {

    public static DefinitionView of(SegmentDefinition definition) {
        return new DefinitionView(definition.getId(), definition.getName(), definition.getDescription(),
                definition.getRule(), definition.getOwner(), definition.getVersion(), definition.getStatus(),
                definition.getDependsOnTime(), List.copyOf(definition.getFieldsRead()), definition.getCreatedAt(),
                definition.getChangedAt());
    }
}
