package org.touchpointcrm.segmentation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.timeline.TimelineSettings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * @param dedupeRetention how long an eventId is remembered, so that a retried event is counted once
 * @param rfm             how recency, frequency and monetary value are scored; checked when bound
 * @param lifecycle       when a customer is new, active, lapsing, dormant or won back; checked when bound
 * @param statsInterval   how often a changed segment hour is written to crm.segment-stats at most
 * @param backfill        how stored profiles are measured against new, changed and retired definitions
 * @param timeline        how many recent contacts the customer timeline keeps, and for how long
 */
@Validated
@ConfigurationProperties("crm.segmentation")
public record SegmentationProperties(@NotNull Duration dedupeRetention, @NotNull ProfileSettings.Rfm rfm,
                                     @NotNull ProfileSettings.Lifecycle lifecycle, @NotNull Duration statsInterval,
                                     @NotNull @Valid Backfill backfill, @NotNull TimelineSettings timeline) {

    /**
     * @param sliceSize profiles one task measures per slice; bounds how long records wait behind a slice
     * @param interval  how often each task runs a slice while a back-fill is pending
     */
    public record Backfill(@Positive int sliceSize, @NotNull Duration interval) {

        public Backfill {
            if (interval != null && (interval.isZero() || interval.isNegative())) {
                throw new IllegalArgumentException("crm.segmentation.backfill.interval: " + interval
                        + " must be positive, e.g. 100ms");
            }
        }

        public static final Backfill DEFAULTS = new Backfill(1000, Duration.ofMillis(100));
    }

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
                ProfileSettings.DEFAULTS.lifecycle(), Duration.ofSeconds(10), Backfill.DEFAULTS,
                TimelineSettings.DEFAULTS);
    }
}
