package org.touchpointcrm.schemas;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.Engagement;
import org.touchpointcrm.avro.Feedback;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.PurchaseStats;
import org.touchpointcrm.avro.PurchaseWindows;
import org.touchpointcrm.avro.RfmScores;

/**
 * The profile of a customer nothing is known of yet, and the one consent check every service makes
 * (docs/identity.md, "Consent belongs to an address").
 */
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

    /** The key of one consent in {@code CustomerProfile.consents}: {@code EMAIL/marketing}. */
    public static String consentKey(Channel channel, String purpose) {
        return channel.name() + "/" + purpose;
    }

    /** The address the profile would be written to on {@code channel}: e-mail, E.164 phone, or null for other channels. */
    public static String address(CustomerProfile profile, Channel channel) {
        return switch (channel) {
            case EMAIL -> profile.getEmail();
            case SMS -> profile.getPhone();
            default -> null;
        };
    }

    /**
     * Whether the customer consented to {@code purpose} on {@code channel} for the address the profile holds
     * now: a consent is a promise for the address it was given for and never covers another one, so an
     * address change or a merge does not carry it over. A consent without an address (given before addresses
     * were recorded) counts for the current address.
     */
    public static boolean consented(CustomerProfile profile, Channel channel, String purpose) {
        Consent consent = profile.getConsents().get(consentKey(channel, purpose));
        return consent != null && consent.getGranted() && forAddress(consent, address(profile, channel));
    }

    /**
     * {@link #consented}, checked again just before a message goes to {@code recipient}: the consent must also
     * have been given for the recipient (a message decided before an address change does not go to the old one
     * under the new one's consent, nor the reverse).
     *
     * @param recipient null when the caller has no address of its own to check
     */
    public static boolean consentedFor(CustomerProfile profile, Channel channel, String purpose, String recipient) {
        Consent consent = profile.getConsents().get(consentKey(channel, purpose));
        return consented(profile, channel, purpose) && (recipient == null || forAddress(consent, recipient));
    }

    /** Whether {@code consent} was given for {@code address} (a consent without an address counts for any). */
    public static boolean forAddress(Consent consent, String address) {
        return covers(consent.getAddress(), address);
    }

    /**
     * The rule of {@link #consented} on a profile read as JSON: a consent given for {@code consentAddress} covers
     * {@code address}; null, recorded before addresses were, covers the profile's current one.
     */
    public static boolean covers(String consentAddress, String address) {
        return consentAddress == null || consentAddress.equals(address);
    }
}
