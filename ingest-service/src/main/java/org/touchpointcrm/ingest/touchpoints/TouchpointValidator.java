package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.BasketLine;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
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
 * Turns a request into a {@link TouchpointEvent}, or refuses it with every field that is wrong.
 * Identifiers are normalised by the {@link IdentifierNormaliser} the customer register uses too:
 * e-mail addresses trimmed with the domain lower-cased, phone numbers in E.164.
 */
@Component
public class TouchpointValidator {

    public static final int MAX_EVENT_ID_LENGTH = 128;
    public static final int MAX_STORE_ID_LENGTH = 128;
    public static final int MAX_LOYALTY_CARD_LENGTH = 64;
    public static final int MAX_ANONYMOUS_ID_LENGTH = 128;
    public static final int MAX_ATTRIBUTES = 50;
    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 64;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 1000;
    /** Amounts are stored with this many decimals (the Avro decimal's scale). */
    public static final int AMOUNT_SCALE = 2;
    /** At most this many digits in all (the Avro decimal's precision). */
    public static final int AMOUNT_PRECISION = 18;

    private static final Set<TouchpointType> MONETARY =
            EnumSet.of(TouchpointType.PURCHASE, TouchpointType.ORDER_PLACED, TouchpointType.RETURN);
    private static final String CHANNELS = names(Channel.values());
    private static final String TYPES = names(TouchpointType.values());

    private final Clock clock;
    private final IngestProperties limits;
    private final IdentifierNormaliser identifiers;

    public TouchpointValidator(Clock clock, IngestProperties limits) {
        this.clock = clock;
        this.limits = limits;
        this.identifiers = new IdentifierNormaliser(limits.defaultRegion());
    }

    /** @param source the channel system that sent the request */
    public TouchpointEvent validate(TouchpointRequest request, String source) {
        var violations = new ArrayList<FieldViolation>();
        String eventId = eventId(request.eventId(), violations);
        Instant occurredAt = occurredAt(request.occurredAt(), Boolean.TRUE.equals(request.imported()), violations);
        Channel channel = parse(Channel.class, "channel", request.channel(), CHANNELS, violations);
        TouchpointType type = parse(TouchpointType.class, "type", request.type(), TYPES, violations);
        CustomerIdentifiers customer = customer(request.customer(), channel, violations);
        BigDecimal amount = request.amount();
        String currency = request.currency();
        boolean monetary = type != null && MONETARY.contains(type);
        // An amount is required only for money, but any amount must fit the Avro decimal, or the
        // serializer would refuse it after validation and the sender would get a 500, not a 400.
        if (monetary || amount != null) {
            amount = amount(amount, type, violations);
        }
        if (monetary) {
            currency = currency(currency, type, violations);
        }
        Map<String, String> attributes = attributes(request.attributes(), violations);
        String storeId = FieldText.oneLine("storeId", request.storeId(), MAX_STORE_ID_LENGTH, violations);
        String text = null;
        Integer rating = null;
        String consentPurpose = null;
        List<BasketLine> lines = List.of();
        if (type != null) {
            text = TypeRules.text(type, request.text(), violations);
            rating = TypeRules.rating(type, request.rating(), violations);
            consentPurpose = TypeRules.consentPurpose(type, request.consentPurpose(), violations);
            lines = TypeRules.lines(type, request.lines(), violations);
            TypeRules.loyaltyCard(type, customer, violations);
        }
        String messageId = TypeRules.messageId(request.messageId(), violations);
        if (!violations.isEmpty()) {
            throw new InvalidTouchpointException(violations);
        }
        return TouchpointEvent.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(occurredAt)
                .setReceivedAt(clock.instant())
                .setChannel(channel)
                .setType(type)
                .setCustomer(customer)
                .setAmount(amount)
                .setCurrency(currency)
                .setStoreId(storeId)
                .setSource(source)
                .setAttributes(attributes)
                .setLines(lines)
                .setText(text)
                .setRating(rating)
                .setConsentPurpose(consentPurpose)
                .setMessageId(messageId)
                .build();
    }

    private static String eventId(String eventId, List<FieldViolation> violations) {
        if (eventId == null || eventId.isBlank()) {
            violations.add(new FieldViolation("eventId",
                    "is required: give each event a unique id (e.g. a UUID) and reuse it when you retry"));
            return null;
        }
        FieldText.oneLine("eventId", eventId, MAX_EVENT_ID_LENGTH, violations);
        return eventId;
    }

    private Instant occurredAt(String text, boolean imported, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new FieldViolation("occurredAt",
                    "is required: an ISO-8601 instant such as 2026-11-23T10:15:30Z"));
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new FieldViolation("occurredAt",
                    BoundedText.quote(text) + " is not an ISO-8601 instant; write it like 2026-11-23T10:15:30Z"));
            return null;
        }
        Instant now = clock.instant();
        if (at.isAfter(now.plus(limits.maxFutureSkew()))) {
            violations.add(new FieldViolation("occurredAt", "lies more than " + limits.maxFutureSkew()
                    + " in the future; check the sender's clock"));
        } else if (!imported && at.isBefore(now.minus(limits.maxAge()))) {
            violations.add(new FieldViolation("occurredAt", "lies more than " + limits.maxAge()
                    + " in the past; send historical events with \"imported\": true"));
        }
        return at;
    }

    private CustomerIdentifiers customer(TouchpointRequest.Customer customer, Channel channel,
                                         List<FieldViolation> violations) {
        if (customer == null) {
            violations.add(new FieldViolation("customer",
                    "is required, with at least one of customerId, email, phone, loyaltyCardId, anonymousId"));
            return null;
        }
        int before = violations.size();
        String email = email(customer.email(), violations);
        String phone = phone(customer.phone(), violations);
        String customerId = customer.customerId() == null || customer.customerId().isBlank() ? null
                : CustomerIds.check("customer.customerId", customer.customerId(), violations);
        String loyaltyCardId = FieldText.oneLine("customer.loyaltyCardId", customer.loyaltyCardId(),
                MAX_LOYALTY_CARD_LENGTH, violations);
        // Normalised once, here: surrounding blanks are no part of a cookie or device id.
        String anonymousId = customer.anonymousId() == null || customer.anonymousId().isBlank() ? null
                : FieldText.oneLine("customer.anonymousId", customer.anonymousId().strip(), MAX_ANONYMOUS_ID_LENGTH,
                        violations);
        var ids = new CustomerIdentifiers(customerId, email, phone, loyaltyCardId, anonymousId);
        boolean any = ids.getCustomerId() != null || ids.getEmail() != null || ids.getPhone() != null
                || ids.getLoyaltyCardId() != null || ids.getAnonymousId() != null;
        if (!any && violations.size() == before) {
            violations.add(new FieldViolation("customer",
                    "has no identifier: give at least one of customerId, email, phone, loyaltyCardId, anonymousId"));
        } else if (channel == Channel.EMAIL && ids.getCustomerId() == null && customer.email() == null) {
            violations.add(new FieldViolation("customer.email",
                    "is required for an EMAIL touchpoint unless customer.customerId is given"));
        } else if (channel == Channel.SMS && ids.getCustomerId() == null && customer.phone() == null) {
            violations.add(new FieldViolation("customer.phone",
                    "is required for an SMS touchpoint unless customer.customerId is given"));
        }
        return ids;
    }

    private String email(String raw, List<FieldViolation> violations) {
        return raw == null ? null : valueOrViolation(identifiers.email(raw), "customer.email", violations);
    }

    private String phone(String raw, List<FieldViolation> violations) {
        return raw == null ? null : valueOrViolation(identifiers.phone(raw), "customer.phone", violations);
    }

    private static String valueOrViolation(Normalised normalised, String field, List<FieldViolation> violations) {
        return switch (normalised) {
            case Valid valid -> valid.value();
            case Invalid invalid -> {
                violations.add(new FieldViolation(field, invalid.reason()));
                yield null;
            }
        };
    }

    private static BigDecimal amount(BigDecimal amount, TouchpointType type, List<FieldViolation> violations) {
        if (amount == null) {
            violations.add(new FieldViolation("amount", "is required for " + type + ": the basket's total, e.g. 49.90"));
            return null;
        }
        if (amount.signum() < 0) {
            violations.add(new FieldViolation("amount",
                    "is " + BoundedText.quote(amount.toString()) + "; it must not be negative (send a RETURN for money back)"));
            return null;
        }
        Optional<String> problem = amountProblem(amount);
        if (problem.isPresent()) {
            violations.add(new FieldViolation("amount", "is " + BoundedText.quote(amount.toString()) + "; " + problem.get()));
            return null;
        }
        return amount.setScale(AMOUNT_SCALE);
    }

    /**
     * Why an amount does not fit the Avro decimal, found from its scale and precision alone: neither
     * computes digits, so even a number of 600 million digits once scaled costs nothing here (the
     * JSON reader refuses those already; this is the domain's own rule).
     */
    static Optional<String> amountProblem(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > AMOUNT_SCALE) {
            return Optional.of("it has more than " + AMOUNT_SCALE + " decimals");
        }
        if ((long) amount.precision() - amount.scale() > AMOUNT_PRECISION - AMOUNT_SCALE) {
            return Optional.of("at most " + (AMOUNT_PRECISION - AMOUNT_SCALE) + " digits before the decimal point are allowed");
        }
        return Optional.empty();
    }

    /** Attribute values are Avro strings, which cannot be null. */
    private static Map<String, String> attributes(Map<String, String> attributes, List<FieldViolation> violations) {
        if (attributes == null) {
            return Map.of();
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            violations.add(new FieldViolation("attributes", "has " + attributes.size() + " attributes; at most "
                    + MAX_ATTRIBUTES + " are allowed"));
            return Map.of();
        }
        attributes.forEach((name, value) -> {
            int before = violations.size();
            FieldText.oneLine("attributes", name, MAX_ATTRIBUTE_NAME_LENGTH, violations);
            if (violations.size() > before) {
                return; // the name is refused: it cannot name the field of its value
            }
            if (value == null) {
                violations.add(new FieldViolation("attributes." + name,
                        "has no value: send a string, or leave the attribute out"));
            } else {
                FieldText.oneLine("attributes." + name, value, MAX_ATTRIBUTE_VALUE_LENGTH, violations);
            }
        });
        return attributes;
    }

    private static String currency(String code, TouchpointType type, List<FieldViolation> violations) {
        if (code == null || code.isBlank()) {
            violations.add(new FieldViolation("currency", "is required for " + type + ": an ISO 4217 code such as EUR"));
            return null;
        }
        String upper = code.strip().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(upper);
            return upper;
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("currency", BoundedText.quote(code) + " is not an ISO 4217 currency code such as EUR"));
            return null;
        }
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String text, String allowed,
                                               List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new FieldViolation(field, "is required: one of " + allowed));
            return null;
        }
        try {
            E value = Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
            if (!"UNKNOWN".equals(value.name())) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the allowed values
        }
        violations.add(new FieldViolation(field, BoundedText.quote(text) + " is not one of " + allowed));
        return null;
    }

    private static String names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).filter(n -> !"UNKNOWN".equals(n))
                .collect(Collectors.joining(", "));
    }
}
