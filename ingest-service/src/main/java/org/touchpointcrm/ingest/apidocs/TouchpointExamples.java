package org.touchpointcrm.ingest.apidocs;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest.BasketLine;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest.Customer;

/**
 * One realistic request per {@link TouchpointType}, as the API description shows them. Times are
 * relative to {@code now}, so that an example tried from Swagger UI is neither too old nor in the
 * future; a test validates every example with the real {@code TouchpointValidator}.
 */
public final class TouchpointExamples {

    private TouchpointExamples() {
    }

    /** An example per touchpoint type (all but UNKNOWN), in the enum's order. */
    public static Map<TouchpointType, TouchpointRequest> at(Instant now) {
        var examples = new EnumMap<TouchpointType, TouchpointRequest>(TouchpointType.class);
        Customer aino = new Customer("c-9001", "aino.virtanen@example.fi", null, null);
        Customer ainoByPhone = new Customer("c-9001", null, "040 123 4567", null);
        Customer visitor = new Customer(null, "mikko.korhonen@example.fi", null, null);
        String campaignMessage = "cmp-2026-black-friday/c-9001";

        examples.put(TouchpointType.MESSAGE_SENT, email("esp-000481", ago(now, 40), TouchpointType.MESSAGE_SENT,
                aino, campaignMessage, Map.of("campaignId", "cmp-2026-black-friday")));
        examples.put(TouchpointType.MESSAGE_DELIVERED, email("esp-000482", ago(now, 39),
                TouchpointType.MESSAGE_DELIVERED, aino, campaignMessage, Map.of()));
        examples.put(TouchpointType.MESSAGE_BOUNCED, email("esp-000483", ago(now, 39), TouchpointType.MESSAGE_BOUNCED,
                new Customer(null, "old.address@example.fi", null, null), "cmp-2026-black-friday/c-4711",
                Map.of("bounce", "hard", "smtpStatus", "5.1.1")));
        examples.put(TouchpointType.MESSAGE_OPENED, email("esp-000484", ago(now, 20), TouchpointType.MESSAGE_OPENED,
                aino, campaignMessage, Map.of("userAgent", "Mail/16.0")));
        examples.put(TouchpointType.MESSAGE_CLICKED, email("esp-000485", ago(now, 19), TouchpointType.MESSAGE_CLICKED,
                aino, campaignMessage, Map.of("url", "https://shop.example.fi/black-friday")));
        examples.put(TouchpointType.UNSUBSCRIBED, email("esp-000486", ago(now, 18), TouchpointType.UNSUBSCRIBED,
                aino, campaignMessage, Map.of("list", "weekly-offers")));
        examples.put(TouchpointType.SMS_REPLY, new TouchpointRequest("sms-gw-77812", ago(now, 12), "SMS",
                TouchpointType.SMS_REPLY.name(), ainoByPhone, null, null, null, null, null,
                "Kyllä kiitos, varaan ajan", null, null, "sms-2026-11-reminder/c-9001", Map.of()));
        examples.put(TouchpointType.WEB_VISIT, web("web-5f2c9a", ago(now, 15), TouchpointType.WEB_VISIT, visitor,
                null, null, Map.of("page", "/naiset/talvitakit", "referrer", "https://www.google.com/")));
        examples.put(TouchpointType.FORM_SUBMITTED, web("web-5f2c9b", ago(now, 14), TouchpointType.FORM_SUBMITTED,
                visitor, null, null, Map.of("form", "newsletter-signup")));
        examples.put(TouchpointType.CONTACT_REQUEST, web("web-5f2c9c", ago(now, 13), TouchpointType.CONTACT_REQUEST,
                new Customer(null, "mikko.korhonen@example.fi", "+358 50 765 4321", null),
                "Soittakaa minulle kanta-asiakasedusta", null, Map.of("topic", "loyalty")));
        examples.put(TouchpointType.FEEDBACK, web("web-5f2c9d", ago(now, 11), TouchpointType.FEEDBACK, aino,
                "Nopea toimitus ja ystävällinen palvelu.", 5, Map.of("orderId", "o-2026-118734")));

        examples.put(TouchpointType.ORDER_PLACED, new TouchpointRequest("web-order-o-2026-118734", ago(now, 30),
                "WEB", TouchpointType.ORDER_PLACED.name(), aino, new BigDecimal("89.80"), "EUR", null, null,
                List.of(new BasketLine("SKU-10442", 2, new BigDecimal("44.90"), "Villasukat, harmaa")),
                null, null, null, null, Map.of("delivery", "parcel-locker")));
        examples.put(TouchpointType.PURCHASE, new TouchpointRequest("pos-tampere-000123", ago(now, 60), "POS",
                TouchpointType.PURCHASE.name(), new Customer("c-9001", null, null, "LC-4400-1234"),
                new BigDecimal("49.90"), "EUR", "tampere-koskikeskus", null,
                List.of(new BasketLine("SKU-20011", 1, new BigDecimal("39.90"), "Talvipipo"),
                        new BasketLine("SKU-30090", 2, new BigDecimal("5.00"), "Kangaskassi")),
                null, null, null, null, Map.of("till", "3")));
        examples.put(TouchpointType.RETURN, new TouchpointRequest("pos-tampere-000187", ago(now, 25), "POS",
                TouchpointType.RETURN.name(), new Customer("c-9001", null, null, null), new BigDecimal("39.90"),
                "EUR", "tampere-koskikeskus", null,
                List.of(new BasketLine("SKU-20011", 1, new BigDecimal("39.90"), "Talvipipo")),
                null, null, null, null, Map.of("reason", "wrong-size")));
        examples.put(TouchpointType.LOYALTY_SCAN, new TouchpointRequest("pos-helsinki-004410", ago(now, 5), "POS",
                TouchpointType.LOYALTY_SCAN.name(), new Customer(null, null, null, "LC-4400-1234"), null, null,
                "helsinki-kamppi", null, null, null, null, null, null, Map.of()));

        examples.put(TouchpointType.CONSENT_GIVEN, new TouchpointRequest("web-consent-8a1f", ago(now, 14), "WEB",
                TouchpointType.CONSENT_GIVEN.name(), visitor, null, null, null, null, null, null, null,
                "marketing", null, Map.of("form", "newsletter-signup")));
        examples.put(TouchpointType.CONSENT_WITHDRAWN, new TouchpointRequest("esp-000487", ago(now, 18), "EMAIL",
                TouchpointType.CONSENT_WITHDRAWN.name(), aino, null, null, null, null, null, null, null,
                "newsletter", campaignMessage, Map.of()));
        examples.put(TouchpointType.SUGGESTION, new TouchpointRequest("pos-tampere-kiosk-000311", ago(now, 9), "POS",
                TouchpointType.SUGGESTION.name(), new Customer("c-9001", null, null, "LC-4400-1234"), null, null,
                "tampere-koskikeskus", null, null, "Voisitteko ottaa valikoimaan gluteenitonta leipää?", null, null,
                null, Map.of("category", "bakery")));
        examples.put(TouchpointType.CASE_REPLY, new TouchpointRequest("crm-reply-000311", ago(now, 2), "POS",
                TouchpointType.CASE_REPLY.name(), new Customer("c-9001", null, null, null), null, null,
                "tampere-koskikeskus", null, null, "Gluteenitonta leipää on nyt hyllyssä, kiitos ehdotuksesta!", null,
                null, null, Map.of("case", "tampere-koskikeskus~3f9a0c1d2e4b")));
        return Collections.unmodifiableMap(examples);
    }

    /** A small batch, as the JSON array form of {@code POST /v1/touchpoints:batch} takes it. */
    public static List<TouchpointRequest> batch(Instant now) {
        Map<TouchpointType, TouchpointRequest> all = at(now);
        return List.of(all.get(TouchpointType.PURCHASE), all.get(TouchpointType.LOYALTY_SCAN),
                all.get(TouchpointType.RETURN));
    }

    private static TouchpointRequest email(String eventId, String occurredAt, TouchpointType type, Customer customer,
                                           String messageId, Map<String, String> attributes) {
        return new TouchpointRequest(eventId, occurredAt, "EMAIL", type.name(), customer, null, null, null, null, null,
                null, null, null, messageId, attributes);
    }

    private static TouchpointRequest web(String eventId, String occurredAt, TouchpointType type, Customer customer,
                                         String text, Integer rating, Map<String, String> attributes) {
        return new TouchpointRequest(eventId, occurredAt, "WEB", type.name(), customer, null, null, null, null, null,
                text, rating, null, null, attributes);
    }

    /** A whole-second instant some minutes before now, as channel systems usually write them. */
    private static String ago(Instant now, long minutes) {
        return now.minus(Duration.ofMinutes(minutes)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
