package org.touchpointcrm.notifier.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");
    private final QuietHours nights = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

    @Test
    void halfPastElevenInTheEveningWaitsUntilEightTheNextMorning() {
        Instant evening = Instant.parse("2026-11-23T21:30:00Z");   // 23:30 in Helsinki

        assertThat(nights.nextAllowed(evening, HELSINKI)).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        Instant early = Instant.parse("2026-11-24T03:00:00Z");     // 05:00 in Helsinki

        assertThat(nights.nextAllowed(early, HELSINKI)).isEqualTo(Instant.parse("2026-11-24T06:00:00Z"));
    }

    @Test
    void theEdgesBelongToTheDay() {
        assertThat(nights.isQuiet(LocalTime.of(8, 0))).isFalse();
        assertThat(nights.isQuiet(LocalTime.of(20, 59, 59))).isFalse();
        assertThat(nights.isQuiet(LocalTime.of(21, 0))).isTrue();
        assertThat(nights.isQuiet(LocalTime.of(7, 59, 59))).isTrue();
    }

    @Test
    void aWindowWithinOneDayAndAnEmptyWindow() {
        var lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        Instant halfPastTwelve = Instant.parse("2026-11-23T10:30:00Z");

        assertThat(lunch.nextAllowed(halfPastTwelve, HELSINKI)).isEqualTo(Instant.parse("2026-11-23T11:00:00Z"));
        assertThat(new QuietHours(LocalTime.NOON, LocalTime.NOON).nextAllowed(halfPastTwelve, HELSINKI)).isEqualTo(halfPastTwelve);
    }
}
