package org.touchpointcrm.ingest.customers;

/**
 * A customer's master data as a client sends it: the body of {@code PUT /v1/customers/{customerId}},
 * or one row of a register import. Everything is text, so that the service, not the JSON parser,
 * says precisely what is wrong. A PUT replaces the whole record: a field left out is cleared.
 *
 * @param customerId optional in a PUT body (the path names the customer); if given, it must match
 */
public record CustomerRequest(
        String customerId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String postalCode,
        String municipality,
        String region,
        String country,
        String language,
        String timeZone,
        String keyAccountTier,
        Company company) {

    /** The business a B2B customer is, or acts for. */
    public record Company(String name, String businessId) {
    }
}
