package org.touchpointcrm.console.customers;

import org.touchpointcrm.access.identifiers.IdentifierNormaliser;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Valid;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.schemas.CustomerReference;

/**
 * Turns what the user typed into the key segmentation-streams keeps a profile under. The typed e-mail or phone is
 * normalised by ingest's own {@link IdentifierNormaliser} (RFC 822 address, libphonenumber's E.164, the same default
 * region), and the key is built by {@link CustomerReference}, the same code that keys a touchpoint: so what a
 * customer service agent types finds the profile whatever way the channel wrote the number.
 */
public final class CustomerReferences {

    public enum Kind {
        ID, EMAIL, PHONE, CARD
    }

    static final int MAX_LENGTH = 200;

    private final IdentifierNormaliser identifiers;

    /** @param defaultRegion ISO 3166 region of a phone number typed without a country code (ingest's too) */
    public CustomerReferences(String defaultRegion) {
        this.identifiers = new IdentifierNormaliser(defaultRegion);
    }

    /** @throws IllegalArgumentException with the message key of what to tell the user */
    public String keyOf(Kind kind, String typed) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("search.invalid");
        }
        var ids = CustomerIdentifiers.newBuilder();
        switch (kind) {
            case ID -> ids.setCustomerId(value);
            case EMAIL -> ids.setEmail(normalised(identifiers.email(value), "search.invalidEmail"));
            case PHONE -> ids.setPhone(normalised(identifiers.phone(value), "search.invalidPhone"));
            case CARD -> ids.setLoyaltyCardId(value);
        }
        return CustomerReference.of(ids.build());
    }

    private static String normalised(IdentifierNormaliser.Normalised result, String messageKey) {
        if (result instanceof Valid valid) {
            return valid.value();
        }
        throw new IllegalArgumentException(messageKey);
    }
}
