package org.touchpointcrm.segmentation.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.segmentation.stats.InvalidStatsQueryException;

/** The paging parameters of the queries, checked before any store is read; a bad one is a 400 naming it. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** A page size: absent is {@code byDefault}; else a whole number 1..most. */
    public static int limit(String text, int byDefault, int most) {
        if (text == null) {
            return byDefault;
        }
        String digits = text.strip();
        int value = !digits.isEmpty() && digits.length() <= 6 && digits.chars().allMatch(Character::isDigit)
                ? Integer.parseInt(digits) : -1;
        if (value < 1 || value > most) {
            throw new InvalidStatsQueryException("limit", BoundedText.quote(text) + " is not a whole number from 1 to "
                    + most + "; leave it out for " + byDefault);
        }
        return value;
    }

    /** An ISO-8601 instant, or null when absent. */
    public static Instant instant(String parameter, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidStatsQueryException(parameter, BoundedText.quote(text) + " is not an ISO-8601 instant;"
                    + " send UTC like " + parameter + "=2026-11-23T10:00:00Z");
        }
    }
}
