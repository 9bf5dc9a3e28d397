package org.touchpointcrm.segmentation.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The hours a stats request asks for: those whose start lies in [from, to). Without parameters the
 * last 24 hours up to now, including the current hour.
 */
public record StatsPeriod(Instant from, Instant to) {

    public static final Duration DEFAULT_LENGTH = Duration.ofHours(24);
    /** A year of hours (8784) in one answer at most. */
    public static final Duration LONGEST = Duration.ofDays(366);

    /**
     * @param from the {@code from} parameter as sent, or null
     * @param to   the {@code to} parameter as sent, or null for now
     */
    public static StatsPeriod parse(String from, String to, Clock clock) {
        Instant end = to == null ? clock.instant() : instant("to", to);
        Instant start = from == null ? end.minus(DEFAULT_LENGTH) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidStatsQueryException("from", "from (" + start + ") must be before to (" + end
                    + "); the period is [from, to)");
        }
        if (Duration.between(start, end).compareTo(LONGEST) > 0) {
            throw new InvalidStatsQueryException("to", "from " + start + " to " + end + " is "
                    + Duration.between(start, end).toDays() + " days; ask for at most " + LONGEST.toDays()
                    + " days at a time");
        }
        return new StatsPeriod(start, end);
    }

    public boolean contains(Instant hourStart) {
        return !hourStart.isBefore(from) && hourStart.isBefore(to);
    }

    private static Instant instant(String parameter, String text) {
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidStatsQueryException(parameter, "'" + text + "' is not an ISO-8601 instant; send UTC"
                    + " like " + parameter + "=2026-11-23T10:00:00Z");
        }
    }
}
