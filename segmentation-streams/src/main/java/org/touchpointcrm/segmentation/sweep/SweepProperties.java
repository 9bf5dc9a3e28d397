package org.touchpointcrm.segmentation.sweep;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The due-time sweep ({@code crm.segmentation.sweep}): how often each task looks for customers whose
 * segments or derived fields are due to change with time alone, and how much it does at once.
 *
 * @param interval         how often each task looks; with a small due backlog a customer moves at most
 *                         this long after the exact instant (the bound of docs/segmentation.md)
 * @param sliceSize        customers one task re-evaluates per punctuation: bounds how long records wait behind one
 * @param catchUpInterval  the pause between slices while more customers are due than one slice takes
 * @param fallbackInterval how often a rule whose clock reads cannot be analysed is asked again per customer
 */
@Validated
@ConfigurationProperties("crm.segmentation.sweep")
public record SweepProperties(@NotNull Duration interval, @Positive int sliceSize, @NotNull Duration catchUpInterval,
                              @NotNull Duration fallbackInterval) {

    /** segmentation.yml's defaults, for tests and tools. */
    public static final SweepProperties DEFAULTS = new SweepProperties(Duration.ofSeconds(10), 1000,
            Duration.ofMillis(100), Duration.ofHours(1));

    public SweepProperties {
        positive("interval", interval, "10s");
        positive("catch-up-interval", catchUpInterval, "100ms");
        positive("fallback-interval", fallbackInterval, "1h");
    }

    private static void positive(String property, Duration value, String example) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("crm.segmentation.sweep." + property + ": " + value
                    + " must be positive, e.g. " + example);
        }
    }
}
