package org.touchpointcrm.rules;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.ContactStats;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.Engagement;
import org.touchpointcrm.avro.Feedback;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.avro.PurchaseStats;
import org.touchpointcrm.avro.PurchaseWindows;
import org.touchpointcrm.avro.RfmScores;

/** Hand-built profiles for rule tests: a plain prospect to start from, and the parts rules read. */
final class Profiles {

    /** The fixed clock of every rule test. */
    static final Instant NOW = Instant.parse("2026-11-15T12:00:00Z");

    private Profiles() {}

    static Instant daysAgo(long days) {
        return NOW.minus(Duration.ofDays(days));
    }

    /** A customer we have seen but know nothing more of: no purchases, no master data, no consents. */
    static CustomerProfile.Builder prospect() {
        return CustomerProfile.newBuilder()
                .setCustomerId("c-1")
                .setVersion(1)
                .setUpdatedAt(NOW)
                .setPurchases(PurchaseStats.newBuilder().build())
                .setWindows(PurchaseWindows.newBuilder().build())
                .setRfm(RfmScores.newBuilder().build())
                .setEngagement(Engagement.newBuilder().build())
                .setFeedback(Feedback.newBuilder().build())
                .setLifecycleStage(LifecycleStage.PROSPECT);
    }

    static RfmScores rfm(int recency, int frequency, int monetary) {
        return RfmScores.newBuilder().setRecency(recency).setFrequency(frequency).setMonetary(monetary).build();
    }

    static PurchaseStats purchases(long count, Instant lastAt) {
        return PurchaseStats.newBuilder()
                .setCount(count)
                .setCountByCurrency(Map.of("EUR", count))
                .setSpendByCurrency(Map.of("EUR", new BigDecimal("123.45")))
                .setFirstAt(lastAt == null ? null : lastAt.minus(Duration.ofDays(400)))
                .setLastAt(lastAt)
                .build();
    }

    static MasterData master(String region, KeyAccountTier tier) {
        return MasterData.newBuilder()
                .setFirstName("Aino")
                .setRegion(region)
                .setCountry("FI")
                .setKeyAccountTier(tier)
                .setUpdatedAt(daysAgo(30))
                .build();
    }

    static Engagement engagement(long emailsSent, Instant lastEmailEngagementAt) {
        return Engagement.newBuilder()
                .setEmailsSent(emailsSent)
                .setEmailOpens(lastEmailEngagementAt == null ? 0 : 1)
                .setLastEmailEngagementAt(lastEmailEngagementAt)
                .build();
    }

    static Feedback feedback(long count) {
        return Feedback.newBuilder().setCount(count).setRatings(count).setRatingSum(4 * count)
                .setAverageRating(count == 0 ? null : 4.0).build();
    }

    static Map<String, Consent> consents(Object... channelPurposeGranted) {
        Map<String, Consent> consents = new HashMap<>();
        for (int i = 0; i < channelPurposeGranted.length; i += 3) {
            Channel channel = Channel.valueOf((String) channelPurposeGranted[i]);
            String purpose = (String) channelPurposeGranted[i + 1];
            consents.put(channel + "/" + purpose, Consent.newBuilder()
                    .setChannel(channel)
                    .setPurpose(purpose)
                    .setGranted((Boolean) channelPurposeGranted[i + 2])
                    .setAt(daysAgo(10))
                    .setEventId("e-" + i)
                    .build());
        }
        return consents;
    }

    static ContactStats contacts(long count) {
        return ContactStats.newBuilder().setCount(count).setFirstAt(daysAgo(100)).setLastAt(daysAgo(1)).build();
    }
}
