package org.touchpointcrm.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.Engagement;
import org.touchpointcrm.avro.Feedback;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.PurchaseStats;
import org.touchpointcrm.avro.PurchaseWindows;
import org.touchpointcrm.avro.RfmScores;

/** The profile of a customer nothing is known of yet: every aggregate present and at zero. */
public final class CustomerProfiles {

    private CustomerProfiles() {
    }

    /** A fresh, mutable profile: the segmentation app fills it in place. */
    public static CustomerProfile empty(String customerId, Instant at) {
        return CustomerProfile.newBuilder()
                .setCustomerId(customerId)
                .setVersion(0)
                .setUpdatedAt(at)
                .setContactsByChannel(new HashMap<>())
                .setContactsByType(new HashMap<>())
                .setPurchases(new PurchaseStats(0L, 0L, new HashMap<>(), new HashMap<>(), new HashMap<>(),
                        new HashMap<>(), null, null))
                .setWindows(new PurchaseWindows(0, 0, 0, new HashMap<>(), new HashMap<>(), new HashMap<>()))
                .setPurchaseDays(new ArrayList<>())
                .setRfm(new RfmScores(0, 0, 0, null))
                .setEngagement(Engagement.newBuilder().build())
                .setConsents(new HashMap<>())
                .setFeedback(Feedback.newBuilder().build())
                .setLifecycleStage(LifecycleStage.PROSPECT)
                .setSegments(new ArrayList<>())
                .build();
    }
}
