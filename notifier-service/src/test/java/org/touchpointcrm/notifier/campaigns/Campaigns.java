package org.touchpointcrm.notifier.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.CustomerProfiles;

/** Test fixtures of the notifier: a campaign, profiles and segment changes. */
public final class Campaigns {

    public static final Campaign THANK_YOU = new Campaign("thank-you", "purchasers", SegmentChangeKind.ENTERED,
            Channel.EMAIL, "Kiitos!", "Kiitos ostoksestasi.");

    private Campaigns() {
    }

    public static CustomerProfile profile(String customerId, long version, String email) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        CustomerProfile profile = CustomerProfiles.empty(customerId, at);
        profile.setVersion(version);
        profile.setEmail(email);
        profile.setFirstSeenAt(at);
        profile.setLastSeenAt(at);
        profile.getPurchases().setCount(1L);
        profile.setSegments(new ArrayList<>(List.of("purchasers")));
        return profile;
    }

    public static SegmentChange entered(String customerId, String segmentId, long profileVersion) {
        return SegmentChange.newBuilder().setCustomerId(customerId).setSegmentId(segmentId).setSegmentVersion(1)
                .setKind(SegmentChangeKind.ENTERED).setChangedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setTriggeringEventId("e-" + profileVersion).setProfileVersion(profileVersion).build();
    }
}
