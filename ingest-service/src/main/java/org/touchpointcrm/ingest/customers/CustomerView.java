package org.touchpointcrm.ingest.customers;

import java.time.Instant;

import org.touchpointcrm.avro.CustomerRecord;

/** A stored customer record as JSON: what a PUT answers, with every value as normalised. */
public record CustomerView(String customerId, String firstName, String lastName, String email, String phone,
                           String postalCode, String municipality, String region, String country, String language,
                           String timeZone, String keyAccountTier, CustomerRequest.Company company,
                           Instant updatedAt, String source) {

    public static CustomerView of(CustomerRecord r) {
        var company = r.getCompany() == null ? null
                : new CustomerRequest.Company(r.getCompany().getName(), r.getCompany().getBusinessId());
        return new CustomerView(r.getCustomerId(), r.getFirstName(), r.getLastName(), r.getEmail(), r.getPhone(),
                r.getPostalCode(), r.getMunicipality(), r.getRegion(), r.getCountry(), r.getLanguage(),
                r.getTimeZone(), r.getKeyAccountTier().name(), company, r.getUpdatedAt(), r.getSource());
    }
}
