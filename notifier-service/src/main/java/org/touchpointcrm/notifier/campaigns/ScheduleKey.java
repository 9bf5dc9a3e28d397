package org.touchpointcrm.notifier.campaigns;

import java.time.Instant;

/**
 * The key of a scheduled decision: {@code <due epoch millis, 19 digits>\0<campaign id>\0<message id>}. The
 * zero-padded time first makes the stores' byte order the time order, so everything due by now is one
 * range from the start; the message id keeps two decisions due at the same millisecond apart.
 */
record ScheduleKey(Instant due, String campaignId, String messageId) {

    private static final char SEPARATOR = '\u0000';

    String text() {
        return time(due) + SEPARATOR + campaignId + SEPARATOR + messageId;
    }

    static ScheduleKey parse(String text) {
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("schedule key '" + text.replace(SEPARATOR, '|')
                    + "' is not <due>\\0<campaign id>\\0<message id>; the store was written by another release");
        }
        return new ScheduleKey(Instant.ofEpochMilli(Long.parseLong(parts[0])), parts[1], parts[2]);
    }

    /** The inclusive upper bound of every key due at or before the instant. */
    static String dueBy(Instant now) {
        return time(now) + (char) (SEPARATOR + 1);
    }

    private static String time(Instant instant) {
        return "%019d".formatted(instant.toEpochMilli());
    }
}
