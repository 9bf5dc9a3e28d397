package org.touchpointcrm.segmentation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.segmentation.profile.ProfileSettings;

import jakarta.validation.constraints.NotNull;

/**
 * @param dedupeRetention how long an eventId is remembered, so that a retried event is counted once
 * @param rfm             how recency, frequency and monetary value are scored; checked when bound
 * @param lifecycle       when a customer is new, active, lapsing, dormant or won back; checked when bound
 * @param statsInterval   how often a changed segment hour is written to crm.segment-stats at most
 */
@Validated
@ConfigurationProperties("crm.segmentation")
public record SegmentationProperties(@NotNull Duration dedupeRetention, @NotNull ProfileSettings.Rfm rfm,
                                     @NotNull ProfileSettings.Lifecycle lifecycle, @NotNull Duration statsInterval) {

    public SegmentationProperties {
        if (statsInterval != null && (statsInterval.isZero() || statsInterval.isNegative())) {
            throw new IllegalArgumentException("crm.segmentation.stats-interval: " + statsInterval
                    + " must be positive, e.g. 10s");
        }
    }

    public ProfileSettings profileSettings() {
        return new ProfileSettings(rfm, lifecycle);
    }

    /** segmentation.yml's defaults, for tests and tools. */
    public static SegmentationProperties defaults() {
        return new SegmentationProperties(Duration.ofDays(7), ProfileSettings.DEFAULTS.rfm(),
                ProfileSettings.DEFAULTS.lifecycle(), Duration.ofSeconds(10));
    }
}
