package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.touchpointcrm.ingest.customers.CustomerRequests.NOW;
import static org.touchpointcrm.ingest.customers.CustomerRequests.aino;
import static org.touchpointcrm.ingest.customers.CustomerRequests.gardenCentre;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.touchpointcrm.avro.Company;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;

class CustomerValidatorTest {

    private static final String ID = "c-9001";
    private static final String SOURCE = "crm-admin";

    private final CustomerValidator validator = new CustomerValidator(Clock.fixed(NOW, ZoneOffset.UTC),
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @Nested
    class AnAcceptedCustomer {

        @Test
        void personBecomesARecordCarryingEveryFieldItWasSent() {
            CustomerRecord record = accepted(aino());

            assertThat(record).isEqualTo(CustomerRecord.newBuilder()
                    .setCustomerId(ID).setFirstName("Aino").setLastName("Virtanen")
                    .setEmail("aino.virtanen@example.fi").setPhone("+358401234567")
                    .setPostalCode("33100").setMunicipality("Tampere").setRegion("Pirkanmaa").setCountry("FI")
                    .setLanguage("fi").setTimeZone("Europe/Helsinki").setKeyAccountTier(KeyAccountTier.GOLD)
                    .setCompany(null).setUpdatedAt(NOW).setSource(SOURCE)
                    .build());
        }

        @Test
        void businessCustomerNeedsNoPersonsName() {
            CustomerRecord record = accepted(gardenCentre());

            assertThat(record.getLastName()).isNull();
            assertThat(record.getCompany()).isEqualTo(new Company("Virtasen Puutarha Oy", "0112038-9"));
        }

        @Test
        void personWithOnlyAnIdAndAFamilyNameIsEnough() {
            CustomerRecord record = accepted(new CustomerRequests.Builder().lastName("Virtanen"));

            assertThat(record.getLastName()).isEqualTo("Virtanen");
            assertThat(record.getEmail()).isNull();
            assertThat(record.getCountry()).isNull();
        }

        @Test
        void updatedAtIsTheClocksInstantAndSourceTheSender() {
            CustomerRecord record = accepted(aino());

            assertThat(record.getUpdatedAt()).isEqualTo(NOW);
            assertThat(record.getSource()).isEqualTo(SOURCE);
        }

        @Test
        void textIsTrimmedAndBlankTextLeftOut() {
            CustomerRecord record = accepted(aino().firstName("  Aino ").municipality("   ").region(""));

            assertThat(record.getFirstName()).isEqualTo("Aino");
            assertThat(record.getMunicipality()).isNull();
            assertThat(record.getRegion()).isNull();
        }

        @Test
        void customerIdInTheBodyEqualToThePathIsAccepted() {
            assertThat(accepted(aino().customerId(ID)).getCustomerId()).isEqualTo(ID);
        }
    }

    @Nested
    class CustomerId {

        @Test
        void missingCustomerIdIsRefusedWithAnExample() {
            FieldViolation violation = onlyViolationOf(null, aino());

            assertThat(violation.field()).isEqualTo("customerId");
            assertThat(violation.reason()).contains("is required", "c-9001");
        }

        @Test
        void customerIdOf128CharactersIsAccepted() {
            String longest = "c".repeat(128);

            assertThat(validator.validate(longest, aino().build(), SOURCE).getCustomerId()).isEqualTo(longest);
        }

        @Test
        void customerIdLongerThan128CharactersIsRefusedSayingHowLongItIs() {
            FieldViolation violation = onlyViolationOf("c".repeat(129), aino());

            assertThat(violation.field()).isEqualTo("customerId");
            assertThat(violation.reason()).contains("129 characters", "at most 128");
        }

        @ParameterizedTest
        @ValueSource(strings = {"c 9001", "c-90\t01", "c/9001", "email:aino@example.fi", "c-90\u000701"})
        void customerIdWithWhitespaceSlashColonOrAControlCharacterIsRefused(String id) {
            FieldViolation violation = onlyViolationOf(id, aino());

            assertThat(violation.field()).isEqualTo("customerId");
            assertThat(violation.reason()).contains("whitespace, '/', ':'", "letters, digits");
        }

        @Test
        void customerIdInTheBodyThatDiffersFromThePathIsRefusedNamingBoth() {
            FieldViolation violation = onlyViolationOf(ID, aino().customerId("c-9002"));

            assertThat(violation.field()).isEqualTo("customerId");
            assertThat(violation.reason()).contains("'c-9002' in the body", "'c-9001' in the path", "leave it out");
        }
    }

    @Nested
    class Names {

        @Test
        void personWithoutFamilyNameIsRefusedPointingToCompanyForBusinesses() {
            FieldViolation violation = onlyViolationOf(ID, aino().lastName(null));

            assertThat(violation.field()).isEqualTo("lastName");
            assertThat(violation.reason()).contains("is required", "company.name");
        }

        @Test
        void nameLongerThan200CharactersIsRefusedSayingHowLongItIs() {
            FieldViolation violation = onlyViolationOf(ID, aino().firstName("A".repeat(201)));

            assertThat(violation.field()).isEqualTo("firstName");
            assertThat(violation.reason()).contains("201 characters", "at most 200");
        }

        @Test
        void nameWithALineBreakIsRefused() {
            FieldViolation violation = onlyViolationOf(ID, aino().lastName("Virta\nnen"));

            assertThat(violation.field()).isEqualTo("lastName");
            assertThat(violation.reason()).contains("line break", "on one line");
        }
    }

    @Nested
    class Identifiers {

        @Test
        void emailIsNormalisedLikeATouchpointsEmail() {
            assertThat(accepted(aino().email(" Aino.Virtanen@Example.FI ")).getEmail()).isEqualTo("Aino.Virtanen@example.fi");
        }

        @Test
        void invalidEmailIsRefusedQuotingIt() {
            FieldViolation violation = onlyViolationOf(ID, aino().email("aino.virtanen(at)example.fi"));

            assertThat(violation.field()).isEqualTo("email");
            assertThat(violation.reason()).contains("'aino.virtanen(at)example.fi'", "is not an e-mail address");
        }

        @Test
        void nationalNumberIsReadInTheCustomersCountry() {
            assertThat(accepted(aino().country("SE").postalCode("114 55").phone("070 123 45 67")).getPhone())
                    .isEqualTo("+46701234567");
        }

        @Test
        void nationalNumberOfACustomerWithoutCountryIsReadInTheDefaultRegion() {
            assertThat(accepted(aino().country(null).phone("040 123 4567")).getPhone()).isEqualTo("+358401234567");
        }

        @Test
        void invalidPhoneIsRefusedShowingE164() {
            FieldViolation violation = onlyViolationOf(ID, aino().phone("123"));

            assertThat(violation.field()).isEqualTo("phone");
            assertThat(violation.reason()).contains("'123'", "E.164", "+358401234567");
        }
    }

    @Nested
    class Address {

        @Test
        void countryIsUpperCased() {
            assertThat(accepted(aino().country("fi")).getCountry()).isEqualTo("FI");
        }

        @Test
        void countryThatIsNoIso3166CodeIsRefusedWithExamples() {
            FieldViolation violation = onlyViolationOf(ID, aino().country("Finland"));

            assertThat(violation.field()).isEqualTo("country");
            assertThat(violation.reason()).contains("'Finland'", "ISO 3166-1 alpha-2", "FI, SE");
        }

        @Test
        void finnishPostalCodeMustBeFiveDigits() {
            FieldViolation violation = onlyViolationOf(ID, aino().postalCode("3310"));

            assertThat(violation.field()).isEqualTo("postalCode");
            assertThat(violation.reason()).contains("'3310'", "five digits", "33100");
        }

        @Test
        void postalCodeOfAnotherCountryIsKeptUpperCased() {
            assertThat(accepted(aino().country("GB").phone(null).postalCode("sw1a 1aa")).getPostalCode())
                    .isEqualTo("SW1A 1AA");
        }

        @Test
        void postalCodeWithSignsNoCountryUsesIsRefused() {
            FieldViolation violation = onlyViolationOf(ID, aino().country("DE").phone(null).postalCode("10115;"));

            assertThat(violation.field()).isEqualTo("postalCode");
            assertThat(violation.reason()).contains("letters, digits, spaces and hyphens");
        }
    }

    @Nested
    class LanguageAndTimeZone {

        @Test
        void languageTagIsWrittenInItsCanonicalCase() {
            assertThat(accepted(aino().language("SV-fi")).getLanguage()).isEqualTo("sv-FI");
        }

        @Test
        void threeLetterLanguageTheJdkKnowsIsAccepted() {
            assertThat(accepted(aino().language("smn")).getLanguage()).isEqualTo("smn");
        }

        @Test
        void languageWrittenWithAnUnderscoreIsRefusedShowingTheTagForm() {
            FieldViolation violation = onlyViolationOf(ID, aino().language("sv_FI"));

            assertThat(violation.field()).isEqualTo("language");
            assertThat(violation.reason()).contains("'sv_FI'", "BCP 47", "sv-FI");
        }

        @Test
        void languageNameIsRefused() {
            assertThat(onlyViolationOf(ID, aino().language("finnish")).field()).isEqualTo("language");
        }

        @Test
        void wellFormedButUnknownLanguageIsRefused() {
            FieldViolation violation = onlyViolationOf(ID, aino().language("xx"));

            assertThat(violation.field()).isEqualTo("language");
            assertThat(violation.reason()).contains("'xx'", "not a known ISO 639 language");
        }

        @Test
        void timeZoneIsFoundWhateverItsCase() {
            assertThat(accepted(aino().timeZone("europe/helsinki")).getTimeZone()).isEqualTo("Europe/Helsinki");
        }

        @Test
        void fixedOffsetIsRefusedAsMissingDaylightSavingTime() {
            FieldViolation violation = onlyViolationOf(ID, aino().timeZone("+02:00"));

            assertThat(violation.field()).isEqualTo("timeZone");
            assertThat(violation.reason()).contains("'+02:00'", "IANA", "Europe/Helsinki", "daylight saving");
        }

        @Test
        void unknownTimeZoneIsRefused() {
            assertThat(onlyViolationOf(ID, aino().timeZone("Europe/Tampere")).field()).isEqualTo("timeZone");
        }
    }

    @Nested
    class KeyAccountTierOfTheCustomer {

        @Test
        void missingTierMeansNoKeyAccount() {
            assertThat(accepted(aino().keyAccountTier(null)).getKeyAccountTier()).isEqualTo(KeyAccountTier.NONE);
        }

        @Test
        void tierIsReadWhateverItsCase() {
            assertThat(accepted(aino().keyAccountTier(" silver ")).getKeyAccountTier()).isEqualTo(KeyAccountTier.SILVER);
        }

        @Test
        void unknownTierIsRefusedListingTheTiers() {
            FieldViolation violation = onlyViolationOf(ID, aino().keyAccountTier("DIAMOND"));

            assertThat(violation.field()).isEqualTo("keyAccountTier");
            assertThat(violation.reason()).contains("'DIAMOND'", "NONE, SILVER, GOLD, PLATINUM").doesNotContain("UNKNOWN");
        }

        @Test
        void tierUnknownIsRefusedThoughTheSchemaHasIt() {
            assertThat(onlyViolationOf(ID, aino().keyAccountTier("UNKNOWN")).field()).isEqualTo("keyAccountTier");
        }
    }

    @Nested
    class CompanyOfABusinessCustomer {

        @Test
        void businessIdWithoutCompanyNameIsRefusedAskingForTheName() {
            FieldViolation violation = onlyViolationOf(ID, aino().company(null, "0112038-9"));

            assertThat(violation.field()).isEqualTo("company.name");
            assertThat(violation.reason()).contains("is required", "registered name");
        }

        @Test
        void finnishBusinessIdWithAWrongCheckDigitIsRefused() {
            FieldViolation violation = onlyViolationOf(ID, gardenCentre().company("Virtasen Puutarha Oy", "0112038-8"));

            assertThat(violation.field()).isEqualTo("company.businessId");
            assertThat(violation.reason()).contains("'0112038-8'", "check digit", "Y-tunnus");
        }

        @Test
        void finnishBusinessIdWrittenWithoutHyphenIsRefusedShowingTheForm() {
            FieldViolation violation = onlyViolationOf(ID, gardenCentre().company("Virtasen Puutarha Oy", "01120389"));

            assertThat(violation.field()).isEqualTo("company.businessId");
            assertThat(violation.reason()).contains("seven digits, a hyphen and the check digit", "0112038-9");
        }

        @ParameterizedTest
        @ValueSource(strings = {"0000030-0", "0000030-1", "0000030-9"})
        void businessIdWhoseWeightedSumLeavesRemainderOneHasNoValidCheckDigit(String id) {
            // 3 x weight 4 = 12, and 12 mod 11 = 1: PRH issues no such number.
            assertThat(onlyViolationOf(ID, gardenCentre().company("Virtasen Puutarha Oy", id)).field())
                    .isEqualTo("company.businessId");
        }

        @Test
        void businessIdOfAnotherCountryIsKeptAsWritten() {
            assertThat(accepted(gardenCentre().country("SE").company("Trädgård AB", "556677-8899")).getCompany())
                    .isEqualTo(new Company("Trädgård AB", "556677-8899"));
        }
    }

    @Nested
    class UnknownFields {

        @Test
        void misspeltFieldIsRefusedListingTheFieldsThereAre() {
            var misspelt = new CustomerRequest(null, "Aino", "Virtanen", null, null, null, null, null, "FI", null, null,
                    null, null, Map.of("emial", "aino@example.fi"));

            FieldViolation violation = onlyViolationOf(ID, misspelt);

            assertThat(violation.field()).isEqualTo("emial");
            assertThat(violation.reason()).contains("is not a field of a customer", "email", "company.businessId",
                    "clear the real one");
        }
    }

    @Nested
    class SeveralViolations {

        @Test
        void everyViolationIsReportedAtOnce() {
            List<FieldViolation> violations = violationsOf(" ", aino().email("nope").phone("123").country("XX")
                    .language("finnish").timeZone("GMT+2").keyAccountTier("DIAMOND"));

            assertThat(violations).extracting(FieldViolation::field)
                    .containsExactly("customerId", "country", "email", "phone", "language", "timeZone", "keyAccountTier");
        }
    }

    @Nested
    class ErasureRequests {

        @Test
        void erasureRequestHasANewIdTheCustomerTheClocksInstantAndTheReason() {
            ErasureRequest request = validator.validateErasure(ID, "ticket SD-4711", SOURCE);

            assertThat(UUID.fromString(request.getRequestId())).isNotNull();
            assertThat(request.getCustomerId()).isEqualTo(ID);
            assertThat(request.getRequestedAt()).isEqualTo(NOW);
            assertThat(request.getSource()).isEqualTo(SOURCE);
            assertThat(request.getReason()).isEqualTo("ticket SD-4711");
        }

        @Test
        void twoErasureRequestsHaveDifferentIds() {
            assertThat(validator.validateErasure(ID, null, SOURCE).getRequestId())
                    .isNotEqualTo(validator.validateErasure(ID, null, SOURCE).getRequestId());
        }

        @Test
        void erasureOfAnInvalidCustomerIdIsRefused() {
            InvalidCustomerException e = catchThrowableOfType(InvalidCustomerException.class,
                    () -> validator.validateErasure("c 9001", null, SOURCE));

            assertThat(e.violations()).extracting(FieldViolation::field).containsExactly("customerId");
        }

        @Test
        void reasonLongerThan500CharactersIsRefused() {
            InvalidCustomerException e = catchThrowableOfType(InvalidCustomerException.class,
                    () -> validator.validateErasure(ID, "x".repeat(501), SOURCE));

            assertThat(e.violations()).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo("reason");
                assertThat(v.reason()).contains("501 characters", "at most 500");
            });
        }
    }

    private CustomerRecord accepted(CustomerRequests.Builder request) {
        return validator.validate(ID, request.build(), SOURCE);
    }

    private List<FieldViolation> violationsOf(String customerId, CustomerRequests.Builder request) {
        InvalidCustomerException refused = catchThrowableOfType(InvalidCustomerException.class,
                () -> validator.validate(customerId, request.build(), SOURCE));
        assertThat(refused).as("the customer should have been refused").isNotNull();
        return refused.violations();
    }

    private FieldViolation onlyViolationOf(String customerId, CustomerRequests.Builder request) {
        return onlyViolationOf(customerId, request.build());
    }

    private FieldViolation onlyViolationOf(String customerId, CustomerRequest request) {
        InvalidCustomerException refused = catchThrowableOfType(InvalidCustomerException.class,
                () -> validator.validate(customerId, request, SOURCE));
        assertThat(refused).as("the customer should have been refused").isNotNull();
        assertThat(refused.violations()).hasSize(1);
        return refused.violations().get(0);
    }
}
