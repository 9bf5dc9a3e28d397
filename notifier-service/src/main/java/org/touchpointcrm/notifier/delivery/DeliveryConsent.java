package org.touchpointcrm.notifier.delivery;

import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.access.profiles.ProfileQueryClient;
import org.touchpointcrm.access.profiles.ProfileQueryUnavailableException;
import org.touchpointcrm.avro.CampaignMessage;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Consent, checked again at delivery time against the live profile: the decision may be hours old (quiet hours)
 * and the customer may have unsubscribed since. Read from the notifier's own copy of the profiles where this
 * instance holds the customer's partition ({@link LocalProfiles}, no round trip), else from segmentation-streams'
 * profile query, asked with the notifier's own service key ({@code crm.notifier.profile-query-api-key}). Never
 * answers "granted" without having read it.
 */
@Component
public class DeliveryConsent {

    /** The purpose of a campaign that names none, as segmentation-streams reads an UNSUBSCRIBED without one. */
    static final String DEFAULT_PURPOSE = "marketing";

    /** The part of the profile's JSON read here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Profile(Map<String, Consent> consents) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Consent(Boolean granted) {
    }

    private final ProfileQueryClient profiles;
    private final LocalProfiles local;

    public DeliveryConsent(RestClient.Builder builder, ProfileQueryProperties properties) {
        this(builder, properties, LocalProfiles.NONE);
    }

    @Autowired
    public DeliveryConsent(RestClient.Builder builder, ProfileQueryProperties properties, LocalProfiles local) {
        this.local = local;
        this.profiles = new ProfileQueryClient(builder, properties.profileQueryUrl(), properties.profileQueryApiKey(),
                "crm.notifier.profile-query-api-key");
    }

    /** The profile's key of the consent a message needs, e.g. {@code EMAIL/marketing}. */
    static String key(CampaignMessage message) {
        String purpose = message.getConsentPurpose() == null ? DEFAULT_PURPOSE : message.getConsentPurpose();
        return message.getChannel().name() + "/" + purpose;
    }

    /**
     * @return true if the customer's profile grants the message's channel and purpose now; false if the consent
     *         is withdrawn or missing, or there is no profile
     * @throws DeliveryFailure (transient) if the profile query cannot answer now
     */
    public boolean granted(CampaignMessage message) {
        String customerId = message.getCustomerId();
        Optional<Boolean> here = local.granted(customerId, key(message));
        if (here.isPresent()) {
            return here.get();
        }
        try {
            return profiles.profile(customerId, Profile.class).map(profile -> grants(profile, message)).orElse(false);
        } catch (ProfileQueryUnavailableException e) {
            throw DeliveryFailure.transientFailure(e.getMessage() + "; consent is checked before every send, so message "
                    + message.getMessageId() + " is not sent without it", e);
        }
    }

    /** The decision on the profile as read: the consent for the message's channel and purpose is granted. */
    static boolean grants(Profile profile, CampaignMessage message) {
        Consent consent = profile.consents() == null ? null : profile.consents().get(key(message));
        return consent != null && Boolean.TRUE.equals(consent.granted());
    }
}
