package org.touchpointcrm.notifier.campaigns;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * How campaign decisions are limited in number and time, under {@code crm.notifier.decisions}: the global
 * frequency cap across all campaigns, the quiet hours in the customer's own time zone (the default zone
 * for customers whose register record names none), and how often the schedule of delayed and deferred
 * decisions is looked at.
 */
@Validated
@ConfigurationProperties("crm.notifier.decisions")
public record DecisionProperties(@Valid @NotNull GlobalCap globalCap, @Valid @NotNull QuietHoursWindow quietHours,
                                 @NotNull ZoneId defaultTimeZone, @NotNull Duration scheduleScanInterval) {

    /** At most {@code maxMessages} marketing messages per customer within any {@code period}, all campaigns together. */
    public record GlobalCap(@Positive int maxMessages, @NotNull Duration period) {
    }

    /**
     * Local times, e.g. 21:00 and 08:00: no message goes out from start until end (across midnight when
     * start is after end). Equal times: no quiet hours.
     */
    public record QuietHoursWindow(@NotNull String start, @NotNull String end) {

        public QuietHours quietHours() {
            return new QuietHours(time("start", start), time("end", end));
        }

        private static LocalTime time(String name, String value) {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("crm.notifier.decisions.quiet-hours." + name + " is '" + value
                        + "', not a local time; write it as HH:mm, e.g. 21:00", e);
            }
        }
    }

    /** Fails at start, naming the setting, when a quiet-hours time cannot be read. */
    public DecisionProperties {
        if (quietHours != null && quietHours.start() != null && quietHours.end() != null) {
            quietHours.quietHours();
        }
    }
}
