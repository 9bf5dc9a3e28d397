package org.touchpointcrm.segmentation.definitions;

import org.touchpointcrm.avro.SegmentStatus;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A segment as a marketer sends it. The version, owner, times and what the rule reads are never
 * taken from the caller: the service derives them.
 *
 * @param id          kebab-case, unique for good (a retired id is revived with PUT, never reused); taken from
 *                    the path on PUT
 * @param status      ACTIVE is evaluated at once, DRAFT is stored but not evaluated, RETIRED lets every
 *                    member go; when absent, ACTIVE on create and unchanged on PUT
 */
public record DefinitionRequest(
        @Schema(example = "lapsing-uusimaa") String id,
        @Schema(example = "Lapsing in Uusimaa") String name,
        @Schema(example = "Bought three times this year, but not in the last 60 days") String description,
        @Schema(example = "inRegion(\"Uusimaa\") && profile.windows.purchases365d >= 3"
                + " && daysSince(profile.purchases.lastAt) > 60") String rule,
        @Schema(example = "ACTIVE", allowableValues = {"DRAFT", "ACTIVE", "RETIRED"}) SegmentStatus status) {

    /** The status asked for on create, ACTIVE when none was. */
    public SegmentStatus statusOrActive() {
        return status == null ? SegmentStatus.ACTIVE : status;
    }
}
