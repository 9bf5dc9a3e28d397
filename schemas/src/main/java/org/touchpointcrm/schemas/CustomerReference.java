package org.touchpointcrm.schemas;

import org.touchpointcrm.avro.CustomerIdentifiers;

/**
 * The key of the touchpoint topics: the strongest identifier a channel system knows. The register's
 * customer id wins; otherwise the identifier is prefixed with its kind so that kinds never collide. An anonymous
 * visitor's id is the weakest: any identifier that names a person comes first.
 */
public final class CustomerReference {

    private CustomerReference() {
    }

    public static String of(CustomerIdentifiers ids) {
        if (present(ids.getCustomerId())) {
            return ids.getCustomerId();
        }
        if (present(ids.getEmail())) {
            return "email:" + ids.getEmail();
        }
        if (present(ids.getPhone())) {
            return "phone:" + ids.getPhone();
        }
        if (present(ids.getLoyaltyCardId())) {
            return "card:" + ids.getLoyaltyCardId();
        }
        if (present(ids.getAnonymousId())) {
            return "anon:" + ids.getAnonymousId();
        }
        throw new IllegalArgumentException(
                "customer has no identifier: give at least one of customerId, email, phone, loyaltyCardId, anonymousId");
    }

    /**
     * Whether a customer id is the register's (ingest refuses ':' in those) rather than a reference that names a
     * customer first seen by an address, card or anonymous id ({@code email:...}).
     */
    public static boolean isRegisterId(String customerId) {
        return customerId.indexOf(':') < 0;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
