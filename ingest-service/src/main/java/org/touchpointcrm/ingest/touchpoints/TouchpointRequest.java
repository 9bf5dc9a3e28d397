package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A touchpoint as a channel system sends it over HTTP. Fields are kept as text where the service,
 * not the JSON parser, should say precisely what is wrong with them.
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
        Map<String, String> attributes) {

    /** What the channel system knows of the customer; at least one is required. */
    public record Customer(String customerId, String email, String phone, String loyaltyCardId) {
    }
}
