package org.touchpointcrm.ingest.touchpoints;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.touchpointcrm.ingest.touchpoints.TouchpointRequest.Customer;

/**
 * Realistic requests as channel systems send them, so that a test says what is different about
 * its request, not how a request is assembled. Every builder starts from a valid request.
 */
final class TouchpointRequests {

    /** The instant the tests' clock stands still at. */
    static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");

    private TouchpointRequests() {
    }

    /** A till purchase of 49.90 EUR at a Tampere store, an hour ago, by a known customer. */
    static Builder purchase() {
        return new Builder().eventId("pos-tampere-000123").occurredAt(NOW.minusSeconds(3600).toString())
                .channel("POS").type("PURCHASE").customer(new Customer("c-9001", "aino.virtanen@example.fi", null, null))
                .amount("49.90").currency("EUR").storeId("tampere-koskikeskus");
    }

    /** A visit to the web shop by a customer known only by id. */
    static Builder webVisit() {
        return new Builder().eventId("web-000456").occurredAt(NOW.minusSeconds(60).toString())
                .channel("WEB").type("WEB_VISIT").customer(customerId("c-9001"))
                .attributes(Map.of("url", "https://shop.example.fi/kampanja"));
    }

    /** An opened campaign e-mail, known by the address it went to. */
    static Builder emailOpened() {
        return new Builder().eventId("mail-000789").occurredAt(NOW.minusSeconds(600).toString())
                .channel("EMAIL").type("MESSAGE_OPENED").customer(email("aino.virtanen@example.fi"));
    }

    /** An answer to a campaign SMS, known by the number it came from. */
    static Builder smsReply() {
        return new Builder().eventId("sms-000321").occurredAt(NOW.minusSeconds(120).toString())
                .channel("SMS").type("SMS_REPLY").customer(phone("+358401234567")).text("STOP");
    }

    static Customer customerId(String customerId) {
        return new Customer(customerId, null, null, null);
    }

    static Customer email(String email) {
        return new Customer(null, email, null, null);
    }

    static Customer phone(String phone) {
        return new Customer(null, null, phone, null);
    }

    static Customer loyaltyCard(String loyaltyCardId) {
        return new Customer(null, null, null, loyaltyCardId);
    }

    static final class Builder {
        private String eventId;
        private String occurredAt;
        private String channel;
        private String type;
        private Customer customer;
        private BigDecimal amount;
        private String currency;
        private String storeId;
        private Boolean imported;
        private Map<String, String> attributes;
        private List<TouchpointRequest.BasketLine> lines;
        private String text;
        private Integer rating;
        private String consentPurpose;
        private String messageId;

        Builder eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        Builder occurredAt(String occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        Builder occurredAt(Instant occurredAt) {
            return occurredAt(occurredAt.toString());
        }

        Builder channel(String channel) {
            this.channel = channel;
            return this;
        }

        Builder type(String type) {
            this.type = type;
            return this;
        }

        Builder customer(Customer customer) {
            this.customer = customer;
            return this;
        }

        /** @param amount as written in the JSON, or null for none */
        Builder amount(String amount) {
            this.amount = amount == null ? null : new BigDecimal(amount);
            return this;
        }

        Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        Builder storeId(String storeId) {
            this.storeId = storeId;
            return this;
        }

        Builder imported(Boolean imported) {
            this.imported = imported;
            return this;
        }

        Builder attributes(Map<String, String> attributes) {
            this.attributes = attributes;
            return this;
        }

        Builder lines(List<TouchpointRequest.BasketLine> lines) {
            this.lines = lines;
            return this;
        }

        Builder text(String text) {
            this.text = text;
            return this;
        }

        Builder rating(Integer rating) {
            this.rating = rating;
            return this;
        }

        Builder consentPurpose(String consentPurpose) {
            this.consentPurpose = consentPurpose;
            return this;
        }

        Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        TouchpointRequest build() {
            return new TouchpointRequest(eventId, occurredAt, channel, type, customer, amount, currency, storeId,
                    imported, lines, text, rating, consentPurpose, messageId, attributes);
        }
    }
}
