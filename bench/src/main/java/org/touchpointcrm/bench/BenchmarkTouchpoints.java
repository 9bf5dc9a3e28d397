package org.touchpointcrm.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.touchpointcrm.avro.BasketLine;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.localstack.RetailChain;

/**
 * The benchmark's workload: a realistic mix of touchpoints of a few thousand customers of a
 * Finnish retail chain (till purchases and loyalty scans, e-mail deliveries, opens and clicks, SMS,
 * web visits and forms). Event {@code i} of a phase is a pure function of the seed and {@code i},
 * so every phase sends the very same records (customers, channels, types, amounts, keys, topics);
 * only the eventId carries the phase's name, so that each event stays unique.
 *
 * <p>Each event exists twice: as the JSON a channel system sends (national phone numbers, e-mail
 * domains in capitals now and then, as real senders write them) and as the {@link TouchpointEvent}
 * ingest-service makes of it after validation and normalisation, which the raw producer writes.
 * Each type carries what ingest-service's type rules ask of it: basket lines on purchases, the
 * customer's text on feedback, contact requests and SMS replies, the campaign message's id on
 * message outcomes and reactions.
 */
final class BenchmarkTouchpoints {

    /** The name ingest-service gives the local stack's demo key, and so the events' source. */
    static final String SOURCE = "local-stack-demo";

    private static final String[] PAGES = {"/", "/tarjoukset", "/tuotteet/kahvi", "/tuotteet/leivat", "/kanta-asiakas",
            "/myymalat", "/resepti/lohikeitto", "/ostoskori"};
    private static final String[] CAMPAIGNS = {"viikkotarjoukset-48", "joulu-2026", "kanta-asiakasedut", "uutiskirje-marras"};
    /** Products: description and unit price in cents. */
    private static final Object[][] PRODUCTS = {
            {"Kahvi 500 g", 649}, {"Ruisleipä", 289}, {"Maito 1 l", 119}, {"Lohifilee", 1590}, {"Juustoraaste", 349},
            {"Banaani kg", 199}, {"Joulukinkku kg", 1190}, {"Villasukat", 1990}, {"Kynttilät 6 kpl", 495},
            {"Pesuaine", 749}, {"Kaurahiutaleet", 229}, {"Glögi 0,75 l", 399}, {"Suklaarasia", 1290}, {"Lahjakortti", 5000}};
    private static final String[] FEEDBACK = {"Toivoisin enemmän gluteenittomia tuotteita %s myymälään.",
            "Kassajono oli pitkä, mutta palvelu ystävällistä (%s).", "Tilaus tuli ajallaan, kiitos! (%s)"};
    private static final String[] CONTACT = {"Soittakaa minulle kanta-asiakasedusta, myymälä %s.",
            "Haluaisin muuttaa osoitetietoni (%s)."};

    /** What kind of touchpoint, and how often in every 1000. */
    private enum Kind {
        POS_PURCHASE(230), POS_IMPORTED_PURCHASE(10), POS_LOYALTY_SCAN(80),
        EMAIL_DELIVERED(120), EMAIL_OPENED(150), EMAIL_CLICKED(80),
        SMS_DELIVERED(70), SMS_REPLY(20),
        WEB_VISIT(170), WEB_VISIT_ANONYMOUS(40), WEB_FORM(20), WEB_FEEDBACK(5), WEB_CONTACT_REQUEST(5);

        final int perMille;

        Kind(int perMille) {
            this.perMille = perMille;
        }
    }

    private static final Kind[] BY_PER_MILLE = perMilleTable();

    record Customer(String id, String emailAsSent, String email, String phoneAsSent, String phone,
                    String loyaltyCardId, String store, String region) {
    }

    /** One touchpoint: the HTTP body a channel system sends, and the record ingest-service writes of it. */
    record Touchpoint(String json, TouchpointEvent event) {
    }

    private final List<Customer> customers;
    private final long seed;

    BenchmarkTouchpoints(int customerCount, long seed) {
        this.seed = seed;
        this.customers = customers(customerCount, new SplittableRandom(seed));
    }

    int customerCount() {
        return customers.size();
    }

    /** Customer {@code index} (0 .. {@link #customerCount()} - 1) of the workload. */
    Customer customer(int index) {
        return customers.get(index);
    }

    /** Event {@code index} of the phase called {@code phase}, happening {@code now}. */
    Touchpoint touchpoint(String phase, long index, Instant now) {
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        // A tenth of the customers make half of the touchpoints, as regulars do.
        int who = random.nextInt(2) == 0 ? random.nextInt(Math.max(1, customers.size() / 10)) : random.nextInt(customers.size());
        Customer c = customers.get(who);
        Kind kind = BY_PER_MILLE[random.nextInt(1000)];
        String eventId = phase + "-" + index;
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        var json = new Json().field("eventId", eventId);
        var event = TouchpointEvent.newBuilder().setEventId(eventId).setReceivedAt(null).setSource(SOURCE);
        switch (kind) {
            case POS_PURCHASE, POS_IMPORTED_PURCHASE -> {
                boolean imported = kind == Kind.POS_IMPORTED_PURCHASE;
                if (imported) {
                    at = at.minus(Duration.ofDays(100 + random.nextInt(200)));
                }
                var lines = new ArrayList<BasketLine>();
                long cents = 0;
                for (int k = 1 + random.nextInt(5); k > 0; k--) {
                    int product = random.nextInt(PRODUCTS.length);
                    int quantity = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
                    int price = (Integer) PRODUCTS[product][1];
                    lines.add(new BasketLine("SKU-%05d".formatted(20_000 + product), quantity,
                            BigDecimal.valueOf(price, 2), (String) PRODUCTS[product][0]));
                    cents += (long) quantity * price;
                }
                BigDecimal amount = BigDecimal.valueOf(cents, 2);
                json.field("occurredAt", at.toString()).field("channel", "POS").field("type", "PURCHASE");
                if (imported) {
                    json.raw("imported", "true");
                }
                json.customer(c.id(), c.emailAsSent(), c.phoneAsSent(), c.loyaltyCardId())
                        .raw("amount", amount.toPlainString()).field("currency", "EUR").field("storeId", c.store())
                        .lines(lines).attributes("region", c.region());
                event.setChannel(Channel.POS).setType(TouchpointType.PURCHASE)
                        .setCustomer(new CustomerIdentifiers(c.id(), c.email(), c.phone(), c.loyaltyCardId(), null))
                        .setAmount(amount.setScale(2, RoundingMode.UNNECESSARY)).setCurrency("EUR").setStoreId(c.store())
                        .setLines(lines).setAttributes(attributes("region", c.region()));
            }
            case POS_LOYALTY_SCAN -> {
                json.field("occurredAt", at.toString()).field("channel", "POS").field("type", "LOYALTY_SCAN")
                        .customer(null, null, null, c.loyaltyCardId()).field("storeId", c.store()).attributes();
                event.setChannel(Channel.POS).setType(TouchpointType.LOYALTY_SCAN)
                        .setCustomer(new CustomerIdentifiers(null, null, null, c.loyaltyCardId(), null)).setStoreId(c.store())
                        .setAttributes(Map.of());
            }
            case EMAIL_DELIVERED, EMAIL_OPENED, EMAIL_CLICKED -> {
                TouchpointType type = kind == Kind.EMAIL_DELIVERED ? TouchpointType.MESSAGE_DELIVERED
                        : kind == Kind.EMAIL_OPENED ? TouchpointType.MESSAGE_OPENED : TouchpointType.MESSAGE_CLICKED;
                String campaign = CAMPAIGNS[random.nextInt(CAMPAIGNS.length)];
                String[] attributes = kind == Kind.EMAIL_CLICKED
                        ? new String[] {"campaign", campaign, "url", "https://kauppa.example.fi" + PAGES[random.nextInt(PAGES.length)]}
                        : new String[] {"campaign", campaign, "subject", "Viikon tarjoukset sinulle, " + c.id()};
                String messageId = "em-" + campaign + "-" + c.id();
                json.field("occurredAt", at.toString()).field("channel", "EMAIL").field("type", type.name())
                        .customer(c.id(), c.emailAsSent(), null, null).field("messageId", messageId).attributes(attributes);
                event.setChannel(Channel.EMAIL).setType(type)
                        .setCustomer(new CustomerIdentifiers(c.id(), c.email(), null, null, null))
                        .setMessageId(messageId).setAttributes(attributes(attributes));
            }
            case SMS_DELIVERED -> {
                String messageId = "sms-tekstiviesti-etu-" + c.id();
                json.field("occurredAt", at.toString()).field("channel", "SMS").field("type", "MESSAGE_DELIVERED")
                        .customer(c.id(), null, c.phoneAsSent(), null).field("messageId", messageId)
                        .attributes("campaign", "tekstiviesti-etu");
                event.setChannel(Channel.SMS).setType(TouchpointType.MESSAGE_DELIVERED)
                        .setCustomer(new CustomerIdentifiers(c.id(), null, c.phone(), null, null))
                        .setMessageId(messageId).setAttributes(attributes("campaign", "tekstiviesti-etu"));
            }
            case SMS_REPLY -> {
                // The gateway knows only the number: keyed "phone:+358...".
                String messageId = "sms-tekstiviesti-etu-" + c.id();
                json.field("occurredAt", at.toString()).field("channel", "SMS").field("type", "SMS_REPLY")
                        .customer(null, null, c.phoneAsSent(), null).field("text", "KYLLÄ").field("messageId", messageId)
                        .attributes();
                event.setChannel(Channel.SMS).setType(TouchpointType.SMS_REPLY)
                        .setCustomer(new CustomerIdentifiers(null, null, c.phone(), null, null))
                        .setText("KYLLÄ").setMessageId(messageId).setAttributes(Map.of());
            }
            case WEB_VISIT, WEB_VISIT_ANONYMOUS, WEB_FORM, WEB_FEEDBACK, WEB_CONTACT_REQUEST -> {
                boolean anonymous = kind == Kind.WEB_VISIT_ANONYMOUS;
                TouchpointType type = switch (kind) {
                    case WEB_FORM -> TouchpointType.FORM_SUBMITTED;
                    case WEB_FEEDBACK -> TouchpointType.FEEDBACK;
                    case WEB_CONTACT_REQUEST -> TouchpointType.CONTACT_REQUEST;
                    default -> TouchpointType.WEB_VISIT;
                };
                String page = PAGES[random.nextInt(PAGES.length)];
                String text = switch (kind) {
                    case WEB_FEEDBACK -> FEEDBACK[random.nextInt(FEEDBACK.length)].formatted(c.store());
                    case WEB_CONTACT_REQUEST -> CONTACT[random.nextInt(CONTACT.length)].formatted(c.store());
                    default -> null;
                };
                Integer rating = kind == Kind.WEB_FEEDBACK ? 1 + random.nextInt(5) : null;
                // A visitor who is not logged in is known by the newsletter's e-mail only: keyed "email:...".
                String customerId = anonymous ? null : c.id();
                json.field("occurredAt", at.toString()).field("channel", "WEB").field("type", type.name())
                        .customer(customerId, c.emailAsSent(), null, null);
                if (text != null) {
                    json.field("text", text);
                }
                if (rating != null) {
                    json.raw("rating", rating.toString());
                }
                json.attributes("page", page);
                event.setChannel(Channel.WEB).setType(type)
                        .setCustomer(new CustomerIdentifiers(customerId, c.email(), null, null, null))
                        .setText(text).setRating(rating).setAttributes(attributes("page", page));
            }
            default -> throw new IllegalStateException("unhandled " + kind);
        }
        event.setOccurredAt(at);
        return new Touchpoint(json.end(), event.build());
    }

    private static Map<String, String> attributes(String... namesAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    private static Kind[] perMilleTable() {
        var table = new ArrayList<Kind>(1000);
        for (Kind kind : Kind.values()) {
            for (int i = 0; i < kind.perMille; i++) {
                table.add(kind);
            }
        }
        if (table.size() != 1000) {
            throw new IllegalStateException("the mix adds up to " + table.size() + " per mille, not 1000");
        }
        return table.toArray(Kind[]::new);
    }

    private static List<Customer> customers(int count, SplittableRandom random) {
        var customers = new ArrayList<Customer>(count);
        for (int i = 1; i <= count; i++) {
            String first = RetailChain.FIRST_NAMES[random.nextInt(RetailChain.FIRST_NAMES.length)];
            String last = RetailChain.LAST_NAMES[random.nextInt(RetailChain.LAST_NAMES.length)];
            String[] store = RetailChain.STORES[random.nextInt(RetailChain.STORES.length)];
            String local = ascii(first + "." + last) + i;
            // One sender in five writes the domain in capitals; ingest lower-cases it (never the local part).
            String emailAsSent = local + (random.nextInt(5) == 0 ? "@Example.FI" : "@example.fi");
            String email = local + "@example.fi";
            String subscriber = String.format(Locale.ROOT, "%07d", 1_000_000 + random.nextInt(8_999_999));
            String phone = "+35840" + subscriber;
            // Half the senders write the national form; ingest makes it E.164.
            String phoneAsSent = random.nextBoolean() ? phone : "040 " + subscriber.substring(0, 3) + " " + subscriber.substring(3);
            customers.add(new Customer("c-%05d".formatted(i), emailAsSent, email, phoneAsSent, phone,
                    "FI-LC-%07d".formatted(100_000 + i), store[0], store[1]));
        }
        return List.copyOf(customers);
    }

    private static String ascii(String name) {
        return name.replace("ä", "a").replace("ö", "o").replace("Ä", "A").replace("Ö", "O");
    }

    /** A small JSON object writer: the benchmark's own JSON, kept out of the measured server's library. */
    private static final class Json {
        private final StringBuilder out = new StringBuilder(384).append('{');
        private boolean first = true;

        Json field(String name, String value) {
            name(name);
            string(value);
            return this;
        }

        Json raw(String name, String value) {
            name(name);
            out.append(value);
            return this;
        }

        Json customer(String customerId, String email, String phone, String loyaltyCardId) {
            name("customer");
            out.append('{');
            boolean any = false;
            String[][] ids = {{"customerId", customerId}, {"email", email}, {"phone", phone}, {"loyaltyCardId", loyaltyCardId}};
            for (String[] id : ids) {
                if (id[1] != null) {
                    if (any) {
                        out.append(',');
                    }
                    string(id[0]);
                    out.append(':');
                    string(id[1]);
                    any = true;
                }
            }
            out.append('}');
            return this;
        }

        Json lines(List<BasketLine> lines) {
            name("lines");
            out.append('[');
            for (int i = 0; i < lines.size(); i++) {
                BasketLine line = lines.get(i);
                out.append(i > 0 ? ",{" : "{");
                string("sku");
                out.append(':');
                string(line.getSku());
                out.append(",\"quantity\":").append(line.getQuantity()).append(",\"unitPrice\":")
                        .append(line.getUnitPrice().toPlainString()).append(',');
                string("description");
                out.append(':');
                string(line.getDescription());
                out.append('}');
            }
            out.append(']');
            return this;
        }

        Json attributes(String... namesAndValues) {
            name("attributes");
            out.append('{');
            for (int i = 0; i < namesAndValues.length; i += 2) {
                if (i > 0) {
                    out.append(',');
                }
                string(namesAndValues[i]);
                out.append(':');
                string(namesAndValues[i + 1]);
            }
            out.append('}');
            return this;
        }

        String end() {
            return out.append('}').toString();
        }

        private void name(String name) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(name);
            out.append(':');
        }

        private void string(String value) {
            out.append('"');
            for (int i = 0; i < value.length(); i++) {
                char ch = value.charAt(i);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (ch < 0x20) {
                            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                        } else {
                            out.append(ch);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
