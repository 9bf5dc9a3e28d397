package org.touchpointcrm.crmctl.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SinceConverterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private final SinceConverter since = new SinceConverter(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void anInstantIsTakenAsItIs() {
        assertThat(since.convert("2026-11-23T08:00:00Z")).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void aDurationCountsBackFromNowShortOrIso() {
        assertThat(since.convert("3h")).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(since.convert("2d")).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
        assertThat(since.convert("90m")).isEqualTo(Instant.parse("2026-11-23T10:30:00Z"));
        assertThat(since.convert("PT3H")).isEqualTo(Instant.parse("2026-11-23T09:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithExamples() {
        assertThatThrownBy(() -> since.convert("yesterday")).hasMessageContaining("'yesterday' is neither an instant nor a duration")
                .hasMessageContaining("3h, 2d, 90m or PT3H");
    }
}
