package org.touchpointcrm.ingest.tracking;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.customers.CustomerRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.access.input.BoundedText;

import tools.jackson.databind.JsonNode;

/**
 * Segment's calls (track, identify, page, screen, alias) as touchpoints, by the table in docs/ingest.md: the
 * messageId is the eventId, userId the register's customer id, anonymousId the visitor's, {@code traits.email} and
 * {@code traits.phone} (of an identify, or in {@code context.traits}) identifiers; e-commerce and e-mail events of
 * Segment's specs become our types, any other event a WEB contact that keeps its name. The touchpoint is then
 * validated like any other ({@code TouchpointValidator}); this class only reads Segment's shape.
 */
final class SegmentTranslator {

    /** The call types, as Segment names them in a batch's {@code type} and in the single routes' paths. */
    static final List<String> CALLS = List.of("track", "identify", "page", "screen", "alias");
    /** The attribute that says which Segment call a touchpoint came from. */
    static final String CALL_ATTRIBUTE = "segmentCall";
    /** The attribute that keeps a track call's event name. */
    static final String EVENT_ATTRIBUTE = "event";
    /** Segment's event names longer than this are refused: a name is a label, not content. */
    static final int MAX_EVENT_NAME_LENGTH = 200;

    /** A spec event and what it becomes. */
    record Mapped(Channel channel, TouchpointType type) {
    }

    /** Segment's spec events (E-commerce v2, Email) that are touchpoint types of ours; docs/ingest.md has the table. */
    static final Map<String, Mapped> SPEC_EVENTS = specEvents();

    private static Map<String, Mapped> specEvents() {
        Map<String, Mapped> events = new LinkedHashMap<>();
        events.put("Order Completed", new Mapped(Channel.WEB, TouchpointType.PURCHASE));
        events.put("Order Refunded", new Mapped(Channel.WEB, TouchpointType.RETURN));
        events.put("Email Delivered", new Mapped(Channel.EMAIL, TouchpointType.MESSAGE_DELIVERED));
        events.put("Email Bounced", new Mapped(Channel.EMAIL, TouchpointType.MESSAGE_BOUNCED));
        events.put("Email Opened", new Mapped(Channel.EMAIL, TouchpointType.MESSAGE_OPENED));
        events.put("Email Link Clicked", new Mapped(Channel.EMAIL, TouchpointType.MESSAGE_CLICKED));
        events.put("Unsubscribed", new Mapped(Channel.EMAIL, TouchpointType.UNSUBSCRIBED));
        return Map.copyOf(events);
    }

    private final Clock clock;

    SegmentTranslator(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param call    track, identify, page, screen or alias: the route's, or the batch item's {@code type}
     * @param message the call's JSON object
     */
    SegmentCall translate(String call, JsonNode message) {
        var violations = new ArrayList<FieldViolation>();
        String messageId = text(message, "messageId");
        if (messageId == null) {
            violations.add(new FieldViolation("messageId", "is required: Segment's libraries set one per call; "
                    + "reuse it when you retry, it is the touchpoint's eventId"));
        }
        String userId = text(message, "userId");
        String anonymousId = text(message, "anonymousId");
        if (userId == null && anonymousId == null) {
            violations.add(new FieldViolation("userId", "or anonymousId is required: every call names its user"));
        }
        JsonNode traits = "identify".equals(call) ? message.path("traits") : message.path("context").path("traits");
        var customer = new TouchpointRequest.Customer(userId, text(traits, "email"), text(traits, "phone"), null,
                "alias".equals(call) ? text(message, "previousId") : anonymousId);
        if ("alias".equals(call) && (userId == null || customer.anonymousId() == null)) {
            violations.add(new FieldViolation("previousId", "and userId are required for an alias: it links the "
                    + "previous id (an anonymousId) to the userId"));
        }
        String occurredAt = firstText(message, "timestamp", "originalTimestamp");
        if (occurredAt == null) {
            occurredAt = clock.instant().toString();
        }
        JsonNode properties = message.path("properties");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(CALL_ATTRIBUTE, call);
        Channel channel = Channel.WEB;
        TouchpointType type;
        BigDecimal amount = null;
        String currency = null;
        List<TouchpointRequest.BasketLine> lines = null;
        switch (call) {
            case "track" -> {
                String event = text(message, "event");
                if (event == null) {
                    violations.add(new FieldViolation("event", "is required for a track call: the event's name, "
                            + "e.g. Order Completed"));
                    type = TouchpointType.WEB_VISIT;
                } else if (event.length() > MAX_EVENT_NAME_LENGTH) {
                    violations.add(new FieldViolation("event", "is " + event.length() + " characters long; at most "
                            + MAX_EVENT_NAME_LENGTH));
                    type = TouchpointType.WEB_VISIT;
                } else {
                    attributes.put(EVENT_ATTRIBUTE, event);
                    Mapped mapped = SPEC_EVENTS.getOrDefault(event, new Mapped(Channel.WEB, TouchpointType.WEB_VISIT));
                    channel = mapped.channel();
                    type = mapped.type();
                    if (type == TouchpointType.PURCHASE || type == TouchpointType.RETURN) {
                        amount = decimal(properties, firstPresent(properties, "revenue", "total"), violations);
                        currency = text(properties, "currency");
                        lines = lines(properties.path("products"), violations);
                    }
                }
            }
            case "page", "screen" -> {
                type = TouchpointType.WEB_VISIT;
                putText(attributes, call, text(message, "name"));
                putText(attributes, "url", text(properties, "url"));
                putText(attributes, "path", text(properties, "path"));
                putText(attributes, "referrer", text(properties, "referrer"));
            }
            // The visitor said who they are (signed in, signed up): a form sent on the web, carrying the link.
            case "identify", "alias" -> type = TouchpointType.FORM_SUBMITTED;
            default -> throw new IllegalArgumentException("not a Segment call: " + BoundedText.quote(call));
        }
        var touchpoint = new TouchpointRequest(messageId, occurredAt, channel.name(), type.name(), customer, amount,
                currency, null, null, lines, null, null, null, null, attributes);
        Optional<SegmentCall.Master> master = "identify".equals(call) && userId != null && traits.isObject()
                ? Optional.of(new SegmentCall.Master(userId, master(userId, traits))) : Optional.empty();
        return new SegmentCall(messageId, touchpoint, master, violations);
    }

    /** Segment's reserved traits that are master data of ours; others are not kept. */
    private static CustomerRequest master(String userId, JsonNode traits) {
        JsonNode address = traits.path("address");
        return new CustomerRequest(userId, firstText(traits, "firstName", "first_name"),
                firstText(traits, "lastName", "last_name"), text(traits, "email"), text(traits, "phone"),
                firstText(address, "postalCode", "postal_code"), text(address, "city"), text(address, "state"),
                text(address, "country"), null, null, null, null);
    }

    private static List<TouchpointRequest.BasketLine> lines(JsonNode products, List<FieldViolation> violations) {
        if (!products.isArray()) {
            return null;
        }
        var lines = new ArrayList<TouchpointRequest.BasketLine>();
        for (JsonNode product : products) {
            String sku = firstText(product, "sku", "product_id");
            JsonNode quantity = product.path("quantity");
            lines.add(new TouchpointRequest.BasketLine(sku, quantity.isIntegralNumber() && quantity.canConvertToInt()
                    ? quantity.intValue() : quantity.isMissingNode() ? 1 : null,
                    decimal(product, product.has("price") ? "price" : null, violations), text(product, "name")));
        }
        return lines;
    }

    private static BigDecimal decimal(JsonNode node, String field, List<FieldViolation> violations) {
        if (field == null) {
            return null;
        }
        JsonNode value = node.path(field);
        if (value.isNumber()) {
            return value.decimalValue();
        }
        violations.add(new FieldViolation("properties." + field, "is not a number; write it like 49.90"));
        return null;
    }

    private static String firstPresent(JsonNode node, String... fields) {
        for (String field : fields) {
            if (node.has(field) && !node.get(field).isNull()) {
                return field;
            }
        }
        return null;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String field : fields) {
            String value = text(node, field);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** A string field, or a number written as one (Segment's libraries send ids as either); blank is absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        String text = value.isString() || value.isNumber() ? value.asString() : null;
        return text == null || text.isBlank() ? null : text;
    }

    private static void putText(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name.toLowerCase(Locale.ROOT), value);
        }
    }
}
