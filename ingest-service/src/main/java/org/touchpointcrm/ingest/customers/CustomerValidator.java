package org.touchpointcrm.ingest.customers;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.Company;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.ingest.input.FieldText;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.identifiers.CustomerIds;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Invalid;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Normalised;
import org.touchpointcrm.access.identifiers.IdentifierNormaliser.Valid;

/**
 * Turns a customer's master data into a {@link CustomerRecord}, or refuses it with every field that
 * is wrong. Codes are checked against the JDK's own tables (ISO 3166 countries, ISO 639 languages,
 * the IANA time-zone database) and normalised to their canonical spelling; e-mail and phone go
 * through the same {@link IdentifierNormaliser} as touchpoints, so that both match.
 */
@Component
public class CustomerValidator {

    public static final int MAX_CUSTOMER_ID_LENGTH = CustomerIds.MAX_LENGTH;
    /** Names, municipality, region, company name. */
    public static final int MAX_TEXT_LENGTH = 200;
    public static final int MAX_POSTAL_CODE_LENGTH = 16;
    public static final int MAX_BUSINESS_ID_LENGTH = 32;
    public static final int MAX_REASON_LENGTH = 500;

    private static final String FINLAND = "FI";
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> TWO_LETTER_LANGUAGES = Set.of(Locale.getISOLanguages());
    /** Time-zone ids are case-sensitive in Java; clients write them as they like. */
    private static final Map<String, String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
    private static final String FIELDS = String.join(", ", CustomerCsvReader.COLUMNS);
    private static final String TIERS = Arrays.stream(KeyAccountTier.values()).map(Enum::name)
            .filter(n -> !"UNKNOWN".equals(n)).collect(Collectors.joining(", "));

    private final Clock clock;
    private final String defaultRegion;
    private final IdentifierNormaliser identifiers;

    public CustomerValidator(Clock clock, IngestProperties properties) {
        this.clock = clock;
        this.defaultRegion = properties.defaultRegion();
        this.identifiers = new IdentifierNormaliser(properties.defaultRegion());
    }

    /**
     * @param customerId the customer the data belongs to (the PUT's path, or the import row's column)
     * @param source     the system that sent it
     * @throws InvalidCustomerException naming every field that is wrong
     */
    public CustomerRecord validate(String customerId, CustomerRequest request, String source) {
        var violations = new ArrayList<FieldViolation>();
        String id = customerId(customerId, violations);
        if (id != null && request.customerId() != null && !request.customerId().strip().equals(id)) {
            violations.add(new FieldViolation("customerId", "is " + BoundedText.quote(request.customerId()) + " in the body but '"
                    + id + "' in the path; leave it out of the body or make the two equal"));
        }
        String firstName = text("firstName", request.firstName(), MAX_TEXT_LENGTH, violations);
        String lastName = text("lastName", request.lastName(), MAX_TEXT_LENGTH, violations);
        String country = country(request.country(), violations);
        // A number or business id without a country is read as one of the customer's country.
        String region = country != null ? country : defaultRegion;
        String email = present(request.email()) ? identifier(identifiers.email(request.email()), "email", violations) : null;
        String phone = present(request.phone())
                ? identifier(identifiers.phone(request.phone(), region), "phone", violations) : null;
        String postalCode = postalCode(request.postalCode(), region, violations);
        String municipality = text("municipality", request.municipality(), MAX_TEXT_LENGTH, violations);
        String regionName = text("region", request.region(), MAX_TEXT_LENGTH, violations);
        String language = language(request.language(), violations);
        String timeZone = timeZone(request.timeZone(), violations);
        KeyAccountTier tier = tier(request.keyAccountTier(), violations);
        Company company = company(request.company(), region, violations);
        request.unknownFields().keySet().stream().sorted().forEach(name -> violations.add(new FieldViolation(name,
                "is not a field of a customer; the fields are " + FIELDS + " (a PUT replaces the whole record, "
                        + "so a misspelt field would clear the real one)")));
        if (!present(request.lastName()) && !hasCompanyName(request)) {
            violations.add(new FieldViolation("lastName", "is required: the customer's family name "
                    + "(a business customer may give company.name instead)"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        return CustomerRecord.newBuilder()
                .setCustomerId(id)
                .setFirstName(firstName)
                .setLastName(lastName)
                .setEmail(email)
                .setPhone(phone)
                .setPostalCode(postalCode)
                .setMunicipality(municipality)
                .setRegion(regionName)
                .setCountry(country)
                .setLanguage(language)
                .setTimeZone(timeZone)
                .setKeyAccountTier(tier)
                .setCompany(company)
                .setUpdatedAt(clock.instant())
                .setSource(source)
                .build();
    }

    /**
     * An erasure request of the customer, with a new request id.
     *
     * @param reason optional, for the audit trail (e.g. the ticket of the customer's request)
     * @throws InvalidCustomerException if the id or the reason is not acceptable
     */
    public ErasureRequest validateErasure(String customerId, String reason, String source) {
        var violations = new ArrayList<FieldViolation>();
        String id = customerId(customerId, violations);
        String why = text("reason", reason, MAX_REASON_LENGTH, violations);
        if (!violations.isEmpty()) {
            throw new InvalidCustomerException(violations);
        }
        return ErasureRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setCustomerId(id)
                .setRequestedAt(clock.instant())
                .setSource(source)
                .setReason(why)
                .build();
    }

    private static String customerId(String raw, List<FieldViolation> violations) {
        if (!present(raw)) {
            violations.add(new FieldViolation("customerId", "is required: the customer's id in your register, e.g. c-9001"));
            return null;
        }
        return CustomerIds.check("customerId", raw, violations);
    }

    private static String text(String field, String raw, int maxLength, List<FieldViolation> violations) {
        return FieldText.oneLine(field, raw, maxLength, violations);
    }

    private static String identifier(Normalised normalised, String field, List<FieldViolation> violations) {
        return switch (normalised) {
            case Valid valid -> valid.value();
            case Invalid invalid -> {
                violations.add(new FieldViolation(field, invalid.reason()));
                yield null;
            }
        };
    }

    private static String country(String raw, List<FieldViolation> violations) {
        if (!present(raw)) {
            return null;
        }
        String code = raw.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            violations.add(new FieldViolation("country", BoundedText.quote(raw) + " is not an ISO 3166-1 alpha-2 country code; "
                    + "write it like FI, SE or DE"));
            return null;
        }
        return code;
    }

    private static String postalCode(String raw, String country, List<FieldViolation> violations) {
        if (!present(raw)) {
            return null;
        }
        String code = raw.strip().toUpperCase(Locale.ROOT);
        if (FINLAND.equals(country)) {
            if (code.length() != 5 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
                violations.add(new FieldViolation("postalCode", BoundedText.quote(raw) + " is not a Finnish postal code; "
                        + "write its five digits, e.g. 33100 (or give the customer's country)"));
                return null;
            }
            return code;
        }
        if (code.length() > MAX_POSTAL_CODE_LENGTH
                || !code.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == ' ' || c == '-')) {
            violations.add(new FieldViolation("postalCode", BoundedText.quote(raw) + " is not a postal code; use letters, digits, "
                    + "spaces and hyphens, at most " + MAX_POSTAL_CODE_LENGTH + " characters"));
            return null;
        }
        return code;
    }

    private static String language(String raw, List<FieldViolation> violations) {
        if (!present(raw)) {
            return null;
        }
        Locale locale;
        try {
            // The builder is strict BCP 47, unlike Locale.forLanguageTag, which drops what it cannot read.
            locale = new Locale.Builder().setLanguageTag(raw.strip()).build();
        } catch (IllformedLocaleException e) {
            violations.add(new FieldViolation("language", BoundedText.quote(raw) + " is not a BCP 47 language tag; "
                    + "write it like fi, sv, en or sv-FI"));
            return null;
        }
        String language = locale.getLanguage();
        boolean known = language.length() == 2 ? TWO_LETTER_LANGUAGES.contains(language)
                // ISO 639-2/3 codes such as smn (Inari Sami): known when the JDK can name them.
                : language.length() == 3 && !locale.getDisplayLanguage(Locale.ENGLISH).equals(language);
        if (!known) {
            violations.add(new FieldViolation("language", BoundedText.quote(raw) + " is not a known ISO 639 language; "
                    + "write it like fi, sv, en or sv-FI"));
            return null;
        }
        return locale.toLanguageTag();
    }

    private static String timeZone(String raw, List<FieldViolation> violations) {
        if (!present(raw)) {
            return null;
        }
        String zone = TIME_ZONES.get(raw.strip().toLowerCase(Locale.ROOT));
        if (zone == null) {
            violations.add(new FieldViolation("timeZone", BoundedText.quote(raw) + " is not an IANA time-zone id; write it like "
                    + "Europe/Helsinki (a fixed offset such as +02:00 would miss daylight saving time)"));
        }
        return zone;
    }

    private static KeyAccountTier tier(String raw, List<FieldViolation> violations) {
        if (!present(raw)) {
            return KeyAccountTier.NONE;
        }
        try {
            KeyAccountTier tier = KeyAccountTier.valueOf(raw.strip().toUpperCase(Locale.ROOT));
            if (tier != KeyAccountTier.UNKNOWN) {
                return tier;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the tiers there are
        }
        violations.add(new FieldViolation("keyAccountTier", BoundedText.quote(raw) + " is not one of " + TIERS
                + "; leave it out for NONE"));
        return null;
    }

    private static Company company(CustomerRequest.Company company, String country, List<FieldViolation> violations) {
        if (company == null || !present(company.name()) && !present(company.businessId())) {
            return null;
        }
        String name = text("company.name", company.name(), MAX_TEXT_LENGTH, violations);
        if (!present(company.name())) {
            violations.add(new FieldViolation("company.name", "is required when company.businessId is given: "
                    + "the company's registered name"));
        }
        String businessId = businessId(company.businessId(), country, violations);
        return name == null ? null : new Company(name, businessId);
    }

    private static String businessId(String raw, String country, List<FieldViolation> violations) {
        if (!present(raw)) {
            return null;
        }
        String id = raw.strip().toUpperCase(Locale.ROOT);
        if (FINLAND.equals(country)) {
            if (!FinnishBusinessId.isWellFormed(id)) {
                violations.add(new FieldViolation("company.businessId", BoundedText.quote(raw) + " is not a Finnish business id "
                        + "(Y-tunnus); write seven digits, a hyphen and the check digit, e.g. " + FinnishBusinessId.EXAMPLE));
                return null;
            }
            if (!FinnishBusinessId.hasValidCheckDigit(id)) {
                violations.add(new FieldViolation("company.businessId", BoundedText.quote(raw) + " has a wrong check digit for a "
                        + "Finnish business id (Y-tunnus); check the number against the trade register"));
                return null;
            }
            return id;
        }
        if (id.length() > MAX_BUSINESS_ID_LENGTH || id.codePoints().anyMatch(Character::isISOControl)) {
            violations.add(new FieldViolation("company.businessId", BoundedText.quote(raw) + " is not a business id; at most "
                    + MAX_BUSINESS_ID_LENGTH + " characters on one line"));
            return null;
        }
        return id;
    }

    private static boolean hasCompanyName(CustomerRequest request) {
        return request.company() != null && present(request.company().name());
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
