package org.touchpointcrm.segmentation.profile;

import java.time.Instant;

import org.touchpointcrm.avro.CustomerProfile;

/** The union of two customers' profiles when the identity graph finds they are one person (docs/identity.md). */
public final class ProfileMerger {

    private final ProfileUpdater updater;

    public ProfileMerger(ProfileUpdater updater) {
        this.updater = updater;
    }

    /**
     * @param survivor changed in place
     * @param retired  the retired customer's profile, with the touchpoints both counted already uncounted
     * @return the survivor with the retired one's history, derived parts as of {@code now}
     */
    public ProfileChange merge(CustomerProfile survivor, CustomerProfile retired, Instant now) {
        throw new UnsupportedOperationException("profile-merge builds this");
    }
}
