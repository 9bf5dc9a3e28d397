package org.touchpointcrm.segmentation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** @param dedupeRetention how long an eventId is remembered, so that a retried event is counted once */
@Validated
@ConfigurationProperties("crm.segmentation")
public record SegmentationProperties(@NotNull Duration dedupeRetention) {
}
