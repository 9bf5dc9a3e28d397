package org.touchpointcrm.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.schemas.CustomerProfiles;

/**
 * The functions segment rules have beyond standard CEL, as plain Java: {@code days(n)},
 * {@code daysSince(t)}, {@code inRegion(name)} and {@code consented(channel, purpose)}. The last
 * three read the profile or the clock; they are bound late, per {@link ProfileFacts}, and read the Avro
 * profile directly (no conversion to CEL values).
 */
final class RuleFunctions {

    private static final long MILLIS_PER_DAY = 86_400_000L;

    private RuleFunctions() {}

    /** CEL durations have no day unit: {@code days(90)} is 90 × 24 hours. */
    static Duration days(long days) {
        return Duration.ofDays(days);
    }

    /** Whole days from {@code then} to {@code now}, rounded down; negative when {@code then} is later. */
    static long daysSince(Instant then, Instant now) {
        return Math.floorDiv(Duration.between(then, now).toMillis(), MILLIS_PER_DAY);
    }

    /** The customer's region (from the register) is {@code region}, ignoring case; false without master data. */
    static boolean inRegion(CustomerProfile profile, String region) {
        MasterData master = profile.getMaster();
        return master != null && master.getRegion() != null && master.getRegion().equalsIgnoreCase(region);
    }

    /**
     * The customer's newest word on {@code purpose} over {@code channel} is a yes, given for the address the
     * profile holds now ({@link CustomerProfiles#consented}, docs/identity.md). The channel is matched in upper
     * case (EMAIL, SMS, ...), the purpose as written (marketing, newsletter, ...); an unknown channel has no consent.
     */
    static boolean consented(CustomerProfile profile, String channel, String purpose) {
        Channel known;
        try {
            known = Channel.valueOf(channel.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return CustomerProfiles.consented(profile, known, purpose);
    }
}
