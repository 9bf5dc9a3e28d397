package org.touchpointcrm.notifier.campaigns;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Local hours in which no message goes out; a message due in them waits until they end. */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Now, when now is outside the quiet hours in that zone; else the first instant they end. */
    public Instant nextAllowed(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        if (!isQuiet(local.toLocalTime())) {
            return now;
        }
        // ZonedDateTime.of moves a time that a DST change skips to just after the gap: still the end.
        ZonedDateTime end = ZonedDateTime.of(local.toLocalDate(), this.end, zone);
        if (!end.isAfter(local)) {
            end = ZonedDateTime.of(local.toLocalDate().plusDays(1), this.end, zone);
        }
        return end.toInstant();
    }

    boolean isQuiet(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);   // across midnight, e.g. 21:00 to 08:00
    }
}
