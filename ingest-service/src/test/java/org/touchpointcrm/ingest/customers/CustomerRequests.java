package org.touchpointcrm.ingest.customers;

import java.time.Instant;

/**
 * Realistic customers of a Finnish retail chain, so that a test says what is different about its
 * customer, not how one is assembled. Every builder starts from valid data.
 */
final class CustomerRequests {

    /** The instant the tests' clock stands still at. */
    static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private CustomerRequests() {
    }

    /** A consumer in Tampere with every field of a person filled in. */
    static Builder aino() {
        return new Builder().firstName("Aino").lastName("Virtanen").email("aino.virtanen@example.fi")
                .phone("+358401234567").postalCode("33100").municipality("Tampere").region("Pirkanmaa")
                .country("FI").language("fi").timeZone("Europe/Helsinki").keyAccountTier("GOLD");
    }

    /** A business customer known by its company only. */
    static Builder gardenCentre() {
        return new Builder().email("tilaukset@virtasenpuutarha.fi").country("FI").language("fi")
                .keyAccountTier("PLATINUM").company("Virtasen Puutarha Oy", "0112038-9");
    }

    static final class Builder {
        private String customerId;
        private String firstName;
        private String lastName;
        private String email;
        private String phone;
        private String postalCode;
        private String municipality;
        private String region;
        private String country;
        private String language;
        private String timeZone;
        private String keyAccountTier;
        private CustomerRequest.Company company;

        Builder customerId(String customerId) {
            this.customerId = customerId;
            return this;
        }

        Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        Builder email(String email) {
            this.email = email;
            return this;
        }

        Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        Builder postalCode(String postalCode) {
            this.postalCode = postalCode;
            return this;
        }

        Builder municipality(String municipality) {
            this.municipality = municipality;
            return this;
        }

        Builder region(String region) {
            this.region = region;
            return this;
        }

        Builder country(String country) {
            this.country = country;
            return this;
        }

        Builder language(String language) {
            this.language = language;
            return this;
        }

        Builder timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        Builder keyAccountTier(String keyAccountTier) {
            this.keyAccountTier = keyAccountTier;
            return this;
        }

        Builder company(String name, String businessId) {
            this.company = new CustomerRequest.Company(name, businessId);
            return this;
        }

        CustomerRequest build() {
            return new CustomerRequest(customerId, firstName, lastName, email, phone, postalCode, municipality, region,
                    country, language, timeZone, keyAccountTier, company);
        }
    }
}
