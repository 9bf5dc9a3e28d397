package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A touchpoint as a channel system sends it over HTTP. Fields are kept as text where the service,
 * not the JSON parser, should say precisely what is wrong with them.
 *
 * @param imported       true for historical events (an import of old contact history)
 * @param lines          basket lines of a purchase, order or return; optional
 * @param text           what the customer wrote: feedback, a product suggestion, an SMS reply, a contact request
 * @param rating         feedback's rating, 1 to 5; optional
 * @param consentPurpose what a consent is for; it applies to the event's channel
 * @param messageId      the send id of the campaign message an outcome or reaction belongs to
 */
@Schema(description = "One touchpoint. The allowed channel and type values are the service's enums, less UNKNOWN.")
public record TouchpointRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TouchpointValidator.MAX_EVENT_ID_LENGTH,
                description = "Unique per event; reuse it when you retry: a repeated eventId is counted once downstream",
                example = "pos-tampere-000123")
        String eventId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time",
                description = "ISO-8601 instant; at most crm.ingest.max-future-skew in the future, at most "
                        + "crm.ingest.max-age in the past unless imported is true",
                example = "2026-11-23T09:15:30Z")
        String occurredAt,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                description = "The channel system's channel; decides the topic (crm.touchpoints.<channel>)")
        String channel,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "What happened")
        String type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED)
        Customer customer,
        @Schema(description = "Required for PURCHASE, ORDER_PLACED and RETURN: the total, not negative, at most "
                + TouchpointValidator.AMOUNT_SCALE + " decimals and "
                + (TouchpointValidator.AMOUNT_PRECISION - TouchpointValidator.AMOUNT_SCALE)
                + " digits before the point", example = "49.90")
        BigDecimal amount,
        @Schema(description = "Required with amount: an ISO 4217 code", example = "EUR")
        String currency,
        @Schema(description = "The shop, for POS touchpoints; required for SUGGESTION", example = "tampere-koskikeskus")
        String storeId,
        @Schema(description = "True for historical events (an import of old contact history): "
                + "they may be older than crm.ingest.max-age")
        Boolean imported,
        @Schema(description = "Basket lines of a purchase, order or return; optional")
        List<BasketLine> lines,
        @Schema(description = "What the customer wrote: required for FEEDBACK, CONTACT_REQUEST, SMS_REPLY, "
                + "CASE_REPLY and SUGGESTION (at most " + TypeRules.MAX_SUGGESTION_LENGTH + " characters for a SUGGESTION)",
                maxLength = TypeRules.MAX_TEXT_LENGTH)
        String text,
        @Schema(description = "FEEDBACK only, optional: 1 (poor) to 5 (excellent)",
                minimum = "" + TypeRules.MIN_RATING, maximum = "" + TypeRules.MAX_RATING)
        Integer rating,
        @Schema(description = "What a CONSENT_GIVEN or CONSENT_WITHDRAWN is for; it applies to the event's channel",
                example = "marketing")
        String consentPurpose,
        @Schema(description = "The send id of the campaign message an outcome or reaction belongs to",
                maxLength = TypeRules.MAX_MESSAGE_ID_LENGTH)
        String messageId,
        @Schema(description = "Free string attributes; a value may not be null. A SUGGESTION may say what it is "
                + "about in product and category (each at most " + TypeRules.MAX_SUGGESTION_SUBJECT_LENGTH + " characters)")
        Map<String, String> attributes) {

    /** What the channel system knows of the customer; at least one is required. */
    @Schema(name = "TouchpointCustomer", description = "At least one identifier. An EMAIL touchpoint needs email or "
            + "customerId, an SMS one phone or customerId. Phones are normalised to E.164 (national numbers read "
            + "in crm.ingest.default-region), e-mail domains lower-cased.")
    public record Customer(
            @Schema(example = "c-9001") String customerId,
            @Schema(format = "email", example = "aino.virtanen@example.fi") String email,
            @Schema(example = "040 123 4567") String phone,
            @Schema(example = "LC-4400-1234") String loyaltyCardId,
            @Schema(description = "A web or app visitor's anonymous id (a cookie or device id), before the visitor is "
                    + "known by anything else", maxLength = TouchpointValidator.MAX_ANONYMOUS_ID_LENGTH,
                    example = "5f2c7d0e-3b1a-4c8e-9a41-0d6b2f7e1c55") String anonymousId) {

        /** A known customer, without an anonymous id. */
        public Customer(String customerId, String email, String phone, String loyaltyCardId) {
            this(customerId, email, phone, loyaltyCardId, null);
        }
    }

    /** One line of a basket. */
    @Schema(description = "One line of a basket")
    public record BasketLine(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TypeRules.MAX_SKU_LENGTH,
                    example = "SKU-20011") String sku,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "1", example = "1") Integer quantity,
            @Schema(example = "39.90") BigDecimal unitPrice,
            String description) {
    }
}
