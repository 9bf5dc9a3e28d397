package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

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
public record TouchpointRequest(
        String eventId,
        String occurredAt,
        String channel,
        String type,
        Customer customer,
        BigDecimal amount,
        String currency,
        String storeId,
        Boolean imported,
        List<BasketLine> lines,
        String text,
        Integer rating,
        String consentPurpose,
        String messageId,
        Map<String, String> attributes) {

    /** What the channel system knows of the customer; at least one is required. */
    public record Customer(String customerId, String email, String phone, String loyaltyCardId) {
    }

    /** One line of a basket. */
    public record BasketLine(String sku, Integer quantity, BigDecimal unitPrice, String description) {
    }
}
