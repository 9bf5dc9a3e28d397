package org.touchpointcrm.ingest.customers;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnySetter;

/**
 * A customer's master data as a client sends it: the body of {@code PUT /v1/customers/{customerId}},
 * or one row of a register import. Everything is text, so that the service, not the JSON parser,
 * says precisely what is wrong. A PUT replaces the whole record: a field left out is cleared.
 *
 * @param customerId    optional in a PUT body (the path names the customer); if given, it must match
 * @param unknownFields properties of the body that are no field of a customer: refused, because a PUT
 *                      replaces the record and a misspelt field would silently clear the real one
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
        Company company,
        @JsonAnySetter Map<String, Object> unknownFields) {

    public CustomerRequest {
        unknownFields = unknownFields == null ? Map.of() : Map.copyOf(unknownFields);
    }

    /** Data without unknown fields, as a CSV row gives it (its header is checked instead). */
    public CustomerRequest(String customerId, String firstName, String lastName, String email, String phone,
                           String postalCode, String municipality, String region, String country, String language,
                           String timeZone, String keyAccountTier, Company company) {
        this(customerId, firstName, lastName, email, phone, postalCode, municipality, region, country, language,
                timeZone, keyAccountTier, company, Map.of());
    }

    /** The business a B2B customer is, or acts for. */
    public record Company(String name, String businessId) {
    }
}
