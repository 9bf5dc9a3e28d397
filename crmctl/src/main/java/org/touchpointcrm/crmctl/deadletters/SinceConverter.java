package org.touchpointcrm.crmctl.deadletters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --since}: an instant ({@code 2026-11-23T08:00:00Z}) or how long ago: an ISO-8601 duration
 * ({@code PT3H}, {@code P2D}) or a short one ({@code 90m}, {@code 3h}, {@code 2d}).
 */
final class SinceConverter implements ITypeConverter<Instant> {

    private final Clock clock;

    SinceConverter() {
        this(Clock.systemUTC());
    }

    SinceConverter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            return clock.instant().minus(duration(value));
        }
    }

    private static Duration duration(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (text.startsWith("p")) {
                return Duration.parse(text);
            }
            if (text.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(text.substring(0, text.length() - 1));
                return switch (text.charAt(text.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // said below
        }
        throw new TypeConversionException("'" + value + "' is neither an instant nor a duration; write an instant like "
                + "2026-11-23T08:00:00Z, or how long ago like 3h, 2d, 90m or PT3H");
    }
}
