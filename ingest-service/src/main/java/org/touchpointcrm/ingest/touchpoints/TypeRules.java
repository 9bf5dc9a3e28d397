package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.touchpointcrm.avro.BasketLine;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.ingest.input.FieldText;
import org.touchpointcrm.ingest.input.FieldViolation;

/**
 * The rules that depend on a touchpoint's type: what the customer wrote, ratings, consent purposes,
 * basket lines and loyalty cards. Each field is refused on types it does not belong to, so that a
 * sender learns of a mix-up instead of losing data silently.
 */
public final class TypeRules {

    public static final int MAX_TEXT_LENGTH = 4000;
    public static final int MAX_SKU_LENGTH = 64;
    public static final int MAX_MESSAGE_ID_LENGTH = 128;
    public static final int MAX_LINES = 500;
    public static final int MAX_LINE_DESCRIPTION_LENGTH = 200;
    public static final int MIN_RATING = 1;
    public static final int MAX_RATING = 5;
    /** What a consent can be for; it applies to the touchpoint's channel. */
    public static final Set<String> CONSENT_PURPOSES = Set.of("marketing", "newsletter", "profiling", "surveys", "service");

    static final Set<TouchpointType> NEEDS_TEXT = EnumSet.of(TouchpointType.FEEDBACK, TouchpointType.CONTACT_REQUEST,
            TouchpointType.SMS_REPLY);
    static final Set<TouchpointType> CONSENT = EnumSet.of(TouchpointType.CONSENT_GIVEN, TouchpointType.CONSENT_WITHDRAWN);
    static final Set<TouchpointType> WITH_BASKET = EnumSet.of(TouchpointType.PURCHASE, TouchpointType.ORDER_PLACED,
            TouchpointType.RETURN);

    private TypeRules() {
    }

    static String text(TouchpointType type, String text, List<FieldViolation> violations) {
        if (text == null || text.isBlank()) {
            if (NEEDS_TEXT.contains(type)) {
                violations.add(new FieldViolation("text", "is required for " + type + ": what the customer wrote"));
            }
            return null;
        }
        return FieldText.multiLine("text", text, MAX_TEXT_LENGTH, violations);
    }

    static Integer rating(TouchpointType type, Integer rating, List<FieldViolation> violations) {
        if (rating == null) {
            return null;
        }
        if (type != TouchpointType.FEEDBACK) {
            violations.add(new FieldViolation("rating", "belongs to FEEDBACK only, not to " + type));
            return null;
        }
        if (rating < MIN_RATING || rating > MAX_RATING) {
            violations.add(new FieldViolation("rating", "is " + rating + "; give " + MIN_RATING + " (poor) to "
                    + MAX_RATING + " (excellent), or leave it out"));
            return null;
        }
        return rating;
    }

    static String consentPurpose(TouchpointType type, String purpose, List<FieldViolation> violations) {
        String value = purpose == null || purpose.isBlank() ? null : purpose.strip().toLowerCase(Locale.ROOT);
        if (!CONSENT.contains(type)) {
            if (value != null) {
                violations.add(new FieldViolation("consentPurpose", "belongs to CONSENT_GIVEN and CONSENT_WITHDRAWN only, not to " + type));
            }
            return null;
        }
        if (value == null || !CONSENT_PURPOSES.contains(value)) {
            violations.add(new FieldViolation("consentPurpose", (value == null ? "is required for " + type
                    : BoundedText.quote(purpose) + " is not a consent purpose") + ": one of " + CONSENT_PURPOSES.stream().sorted().toList()
                    + "; the consent applies to the touchpoint's channel"));
            return null;
        }
        return value;
    }

    static List<BasketLine> lines(TouchpointType type, List<TouchpointRequest.BasketLine> lines, List<FieldViolation> violations) {
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        if (!WITH_BASKET.contains(type)) {
            violations.add(new FieldViolation("lines", "belong to PURCHASE, ORDER_PLACED and RETURN only, not to " + type));
            return List.of();
        }
        if (lines.size() > MAX_LINES) {
            violations.add(new FieldViolation("lines", "has " + lines.size() + " lines; at most " + MAX_LINES
                    + " are allowed (send the total in amount and the rest of the basket in another touchpoint)"));
            return List.of();
        }
        var valid = new ArrayList<BasketLine>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            line(lines.get(i), "lines[" + i + "]", violations, valid);
        }
        return valid;
    }

    private static void line(TouchpointRequest.BasketLine line, String at, List<FieldViolation> violations, List<BasketLine> valid) {
        if (line == null) {
            violations.add(new FieldViolation(at, "is null; leave the line out instead"));
            return;
        }
        int before = violations.size();
        if (line.sku() == null || line.sku().isBlank()) {
            violations.add(new FieldViolation(at + ".sku", "is required: the product's stock-keeping unit"));
        } else {
            FieldText.oneLine(at + ".sku", line.sku(), MAX_SKU_LENGTH, violations);
        }
        String description = FieldText.oneLine(at + ".description", line.description(), MAX_LINE_DESCRIPTION_LENGTH,
                violations);
        if (line.quantity() == null || line.quantity() < 1) {
            violations.add(new FieldViolation(at + ".quantity", "must be a whole number of 1 or more"));
        }
        BigDecimal price = line.unitPrice();
        if (price == null || price.signum() < 0 || TouchpointValidator.amountProblem(price).isPresent()) {
            violations.add(new FieldViolation(at + ".unitPrice", "must be an amount of 0 or more with at most "
                    + TouchpointValidator.AMOUNT_SCALE + " decimals, e.g. 4.95"));
        }
        if (violations.size() == before) {
            valid.add(new BasketLine(line.sku().strip(), line.quantity(),
                    price.setScale(TouchpointValidator.AMOUNT_SCALE), description));
        }
    }

    static void loyaltyCard(TouchpointType type, CustomerIdentifiers customer, List<FieldViolation> violations) {
        if (type == TouchpointType.LOYALTY_SCAN && customer != null
                && customer.getLoyaltyCardId() == null && customer.getCustomerId() == null) {
            violations.add(new FieldViolation("customer.loyaltyCardId",
                    "is required for LOYALTY_SCAN unless customer.customerId is given: the card that was scanned"));
        }
    }

    static String messageId(String messageId, List<FieldViolation> violations) {
        return FieldText.oneLine("messageId", messageId, MAX_MESSAGE_ID_LENGTH, violations);
    }
}
