package org.touchpointcrm.notifier.campaigns;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChangeKind;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A campaign: when a customer enters (or leaves) a segment, send them this message. Campaigns as
 * data on a compacted topic, with templates, caps and consent, are the notifier issue's work.
 */
public record Campaign(@NotBlank String id, @NotBlank String segmentId, @NotNull SegmentChangeKind trigger,
                       @NotNull Channel channel, @NotBlank String subject, @NotBlank String textBody) {
}
