package org.touchpointcrm.notifier.delivery;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.schemas.CustomerProfiles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Consent, checked again at delivery time against the live profile: the decision may be hours old (quiet hours)
 * and the customer may have unsubscribed since, or the profile's address changed (a consent covers only the address
 * it was given for, docs/identity.md). Read from the notifier's own copy of the profiles where this
 * instance holds the customer's partition ({@link LocalProfiles}, no round trip), else from segmentation-streams'
 * profile query, asked with the notifier's own service key ({@code crm.notifier.profile-query-api-key}). Never
 * answers "granted" without having read it.
 */
@Component
public class DeliveryConsent {

    static final String PROFILE_PATH = "/v1/customers/{customerId}/profile";
    /** The purpose of a campaign that names none, as segmentation-streams reads an UNSUBSCRIBED without one. */
    static final String DEFAULT_PURPOSE = "marketing";

    /** The part of the profile's JSON read here: the consents and the addresses they must have been given for. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Profile(Map<String, Consent> consents, String email, String phone) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Consent(Boolean granted, String address) {
    }

    private final RestClient client;
    private final URI base;
    private final LocalProfiles local;

    public DeliveryConsent(RestClient.Builder builder, ProfileQueryProperties properties) {
        this(builder, properties, LocalProfiles.NONE);
    }

    @Autowired
    public DeliveryConsent(RestClient.Builder builder, ProfileQueryProperties properties, LocalProfiles local) {
        this.local = local;
        this.base = properties.profileQueryUrl();
        this.client = builder.clone().baseUrl(base.toString())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.profileQueryApiKey().strip()).build();
    }

    /** The profile's key of the consent a message needs, e.g. {@code EMAIL/marketing}. */
    static String key(CampaignMessage message) {
        return CustomerProfiles.consentKey(message.getChannel(), purpose(message));
    }

    private static String purpose(CampaignMessage message) {
        return message.getConsentPurpose() == null ? DEFAULT_PURPOSE : message.getConsentPurpose();
    }

    /**
     * {@link CustomerProfiles#consentedFor} on the profile's JSON: granted, for the address the profile holds now
     * and for the message's recipient.
     */
    static boolean consented(Profile profile, CampaignMessage message) {
        Consent consent = profile == null || profile.consents() == null ? null : profile.consents().get(key(message));
        String address = switch (message.getChannel()) {
            case EMAIL -> profile == null ? null : profile.email();
            case SMS -> profile == null ? null : profile.phone();
            default -> null;
        };
        return consent != null && Boolean.TRUE.equals(consent.granted())
                && CustomerProfiles.covers(consent.address(), address)
                && (message.getRecipient() == null || CustomerProfiles.covers(consent.address(), message.getRecipient()));
    }

    /**
     * @return true if the customer's profile grants the message's channel and purpose now; false if the consent
     *         is withdrawn or missing, or there is no profile
     * @throws DeliveryFailure (transient) if the profile query cannot answer now
     */
    public boolean granted(CampaignMessage message) {
        String customerId = message.getCustomerId();
        Optional<Boolean> here = local.granted(customerId, message.getChannel(), purpose(message), message.getRecipient());
        if (here.isPresent()) {
            return here.get();
        }
        try {
            return client.get().uri(PROFILE_PATH, customerId).accept(MediaType.APPLICATION_JSON)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == HttpStatus.NOT_FOUND.value()) {
                            return false;
                        }
                        if (status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value()) {
                            throw DeliveryFailure.transientFailure("the profile query refused the notifier's key (" + status
                                    + "); check crm.notifier.profile-query-api-key and its digest in segmentation-streams;"
                                    + " message " + message.getMessageId() + " is not sent without its consent check", null);
                        }
                        if (status != HttpStatus.OK.value()) {
                            throw DeliveryFailure.transientFailure("the profile query answered " + status
                                    + "; consent is checked before every send, so message "
                                    + message.getMessageId() + " is not sent without it", null);
                        }
                        return consented(response.bodyTo(Profile.class), message);
                    });
        } catch (RestClientException e) {
            throw DeliveryFailure.transientFailure("the profile query at " + base + " is not reachable ("
                    + e.getMostSpecificCause() + "); consent is checked before every send, so message "
                    + message.getMessageId() + " is not sent without it; check crm.notifier.profile-query-url and that "
                    + "segmentation-streams runs", e);
        }
    }
}
