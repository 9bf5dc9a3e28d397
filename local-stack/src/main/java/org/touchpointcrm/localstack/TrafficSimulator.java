package org.touchpointcrm.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Realistic touchpoints for a few hundred customers of a Finnish retail chain, sent over HTTP to
 * ingest-service like a channel system would: loyal regulars, one-time buyers, lapsing customers
 * and browsers; till purchases, e-mail opens and clicks, SMS, web visits and forms. Some are not in the register:
 * anonymous web visitors (sent as a web shop's Segment SDK would, to ingest's Segment-compatible routes) who later
 * identify with an e-mail address, and shoppers known at the till by a loyalty card who now and then give their
 * address too, so that segmentation's identity graph links and merges them. Now and then it repeats an event (a
 * client retry) or sends a malformed one, as real channel systems do.
 */
final class TrafficSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TrafficSimulator.class);

    /** One event in this many is sent a second time with the same eventId. */
    static final int DUPLICATE_EVERY = 40;
    /** One event in this many is deliberately malformed, and must be refused with a 400. */
    static final int MALFORMED_EVERY = 60;
    private static final int MAX_IN_FLIGHT = 64;

    /** VISITOR and CARD_HOLDER are not in the register: the identity graph learns who they are. */
    enum Persona { LOYAL, ONE_TIME, LAPSING, BROWSER, VISITOR, CARD_HOLDER }

    /**
     * @param id the register id, or for a VISITOR or CARD_HOLDER only the simulator's own label
     */
    record Customer(String id, String firstName, String lastName, String email, String phone, String region,
                    String store, Persona persona, String anonymousId, String card) {

        boolean registered() {
            return persona != Persona.VISITOR && persona != Persona.CARD_HOLDER;
        }
    }

    /** One HTTP call to ingest: our touchpoint API, or a Segment-compatible route with the key as the write key. */
    private record Call(URI uri, String body, boolean segment) {
    }

    /** What the simulator has sent and how ingest answered. */
    record Totals(long sent, long accepted, long rejected, long failed, long duplicates, long malformed) {
    }


    private final URI endpoint;
    private final URI ingestBase;
    private final URI registerBase;
    private final String apiKey;
    private final Random random;
    private final Clock clock;
    private final List<Customer> customers;
    private final HttpClient http = HttpClient.newBuilder()
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final Set<String> boughtOnce = ConcurrentHashMap.newKeySet();
    private final Set<String> identified = ConcurrentHashMap.newKeySet();
    private Call lastCall;
    private ScheduledExecutorService schedule;

    TrafficSimulator(URI ingestBase, String apiKey, int customerCount, long seed, Clock clock) {
        this.endpoint = ingestBase.resolve("/v1/touchpoints");
        this.ingestBase = ingestBase;
        this.registerBase = ingestBase.resolve("/v1/customers/");
        this.apiKey = apiKey;
        this.random = new Random(seed);
        this.clock = clock;
        this.customers = customers(customerCount, new Random(seed));
    }

    List<Customer> customers() {
        return customers;
    }

    /**
     * Registers the customers (master data, consents) first, as a shop's customer register and
     * sign-up forms would, then sends {@code eventsPerSecond} events a second until closed.
     */
    void start(int eventsPerSecond) {
        schedule = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("traffic").unstarted(r));
        schedule.execute(this::registerCustomers);
        schedule.scheduleAtFixedRate(this::sendNextAsync, 0, 1_000_000L / eventsPerSecond, TimeUnit.MICROSECONDS);
        schedule.scheduleAtFixedRate(() -> log.info("traffic so far: {}", totals()), 10, 10, TimeUnit.SECONDS);
    }

    /** Sends {@code count} events one after another and waits for every answer: for tests. */
    Totals sendAndWait(int count) throws IOException, InterruptedException {
        for (int i = 0; i < count; i++) {
            var response = http.send(request(nextCall()), HttpResponse.BodyHandlers.ofString());
            count(response.statusCode());
        }
        return totals();
    }

    /** The register's record of every customer and their consents; a failure is logged, not fatal. */
    void registerCustomers() {
        int registered = 0;
        for (Customer c : customers) {
            if (!c.registered()) {
                continue;
            }
            try {
                var response = http.send(HttpRequest.newBuilder(registerBase.resolve(c.id()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + apiKey)
                        .PUT(HttpRequest.BodyPublishers.ofString(register(c))).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    registered++;
                }
                if (c.persona() != Persona.BROWSER || c.id().hashCode() % 2 == 0) {
                    count(http.send(request(consent(c, "EMAIL", clock.instant())), HttpResponse.BodyHandlers.discarding()).statusCode());
                }
                if (c.persona() == Persona.LOYAL) {
                    count(http.send(request(consent(c, "SMS", clock.instant())), HttpResponse.BodyHandlers.discarding()).statusCode());
                }
            } catch (IOException e) {
                log.warn("could not register customer {}: {}", c.id(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.info("registered {} of {} customers (the others are visitors and card holders)", registered, customers.size());
    }

    Totals totals() {
        return new Totals(sent.get(), accepted.get(), rejected.get(), failed.get(), duplicates.get(), malformed.get());
    }

    private void sendNextAsync() {
        if (!inFlight.tryAcquire()) {
            return; // ingest is slower than the rate: skip a beat rather than queue without bound
        }
        http.sendAsync(request(nextCall()), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    inFlight.release();
                    if (error != null) {
                        failed.incrementAndGet();
                    } else {
                        count(response.statusCode());
                    }
                });
    }

    /** 202 from our API, 200 from the Segment-compatible routes (Segment's own answer). */
    private void count(int status) {
        if (status == 202 || status == 200) {
            accepted.incrementAndGet();
        } else if (status == 400) {
            rejected.incrementAndGet();
        } else {
            failed.incrementAndGet();
        }
    }

    private HttpRequest request(String body) {
        return request(new Call(endpoint, body, false));
    }

    private HttpRequest request(Call call) {
        sent.incrementAndGet();
        // Segment's SDKs send the write key as the basic-auth user with an empty password.
        String authorization = call.segment()
                ? "Basic " + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8))
                : "Bearer " + apiKey;
        return HttpRequest.newBuilder(call.uri()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(call.body())).build();
    }

    private synchronized Call nextCall() {
        long n = sent.get() + 1;
        Customer customer = customers.get(random.nextInt(customers.size()));
        if (n % MALFORMED_EVERY == 0) {
            malformed.incrementAndGet();
            return new Call(endpoint, malformed(customer), false);
        }
        if (lastCall != null && n % DUPLICATE_EVERY == 0) {
            duplicates.incrementAndGet();
            return lastCall;
        }
        lastCall = switch (customer.persona()) {
            case VISITOR -> visitor(customer);
            case CARD_HOLDER -> new Call(endpoint, cardHolder(customer), false);
            default -> new Call(endpoint, event(customer), false);
        };
        return lastCall;
    }

    /**
     * An anonymous visitor browses; one visit in five they identify with their address, after which their web shop
     * events carry it too.
     */
    private Call visitor(Customer c) {
        Instant now = clock.instant();
        if (!identified.contains(c.id())) {
            if (random.nextInt(5) > 0) {
                return new Call(ingestBase.resolve("/v1/page"), """
                        {"messageId":"%s","timestamp":"%s","anonymousId":"%s","name":"%s",
                         "properties":{"url":"https://kauppa.example.fi/%s"}}"""
                        .formatted(UUID.randomUUID(), now, c.anonymousId(), c.store(), c.store()), true);
            }
            identified.add(c.id());
            return new Call(ingestBase.resolve("/v1/identify"), """
                    {"messageId":"%s","timestamp":"%s","anonymousId":"%s",
                     "traits":{"email":"%s","firstName":"%s"}}"""
                    .formatted(UUID.randomUUID(), now, c.anonymousId(), c.email(), c.firstName()), true);
        }
        int roll = random.nextInt(100);
        String type = roll < 60 ? "WEB_VISIT" : roll < 85 ? "FORM_SUBMITTED" : null;
        if (type == null) {
            return new Call(endpoint, purchaseBy(c, "WEB", "{\"email\":\"%s\",\"anonymousId\":\"%s\"}"
                    .formatted(c.email(), c.anonymousId()), now), false);
        }
        return new Call(endpoint, """
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"%s",
                 "customer":{"email":"%s","anonymousId":"%s"},"storeId":"%s"}"""
                .formatted(UUID.randomUUID(), now, type, c.email(), c.anonymousId(), c.store()), false);
    }

    /** Known at the till by a loyalty card; one purchase in four they give their address too, which links the two. */
    private String cardHolder(Customer c) {
        Instant now = clock.instant();
        int roll = random.nextInt(100);
        if (roll < 60) {
            return purchaseBy(c, "POS", "{\"loyaltyCardId\":\"%s\"}".formatted(c.card()), now);
        }
        if (roll < 80) {
            return purchaseBy(c, "POS", "{\"loyaltyCardId\":\"%s\",\"email\":\"%s\"}".formatted(c.card(), c.email()), now);
        }
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"EMAIL","type":"MESSAGE_OPENED",
                 "customer":{"email":"%s"},"attributes":{"newsletter":"viikkotarjoukset"}}"""
                .formatted(UUID.randomUUID(), now, c.email());
    }

    private String purchaseBy(Customer c, String channel, String customer, Instant at) {
        String amount = String.format(Locale.ROOT, "%.2f", 3 + random.nextDouble() * 90);
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"%s","type":"PURCHASE","customer":%s,
                 "amount":%s,"currency":"EUR","storeId":"%s","attributes":{"region":"%s"}}"""
                .formatted(UUID.randomUUID(), at, channel, customer, amount, c.store(), c.region());
    }

    private String event(Customer c) {
        Instant now = clock.instant();
        int roll = random.nextInt(100);
        return switch (c.persona()) {
            case LOYAL -> roll < 40 ? purchase(c, now, false)
                    : roll < 55 ? email(c, "MESSAGE_OPENED", now)
                    : roll < 65 ? email(c, "MESSAGE_CLICKED", now)
                    : roll < 75 ? simple(c, "POS", "LOYALTY_SCAN", now)
                    : roll < 82 ? simple(c, "WEB", "WEB_VISIT", now)
                    : roll < 85 ? suggestion(c, now)
                    : sms(c, roll < 95 ? "MESSAGE_DELIVERED" : "SMS_REPLY", now);
            case ONE_TIME -> boughtOnce.add(c.id()) ? purchase(c, now, false)
                    : roll < 50 ? email(c, "MESSAGE_OPENED", now) : simple(c, "WEB", "WEB_VISIT", now);
            case LAPSING -> roll < 50 ? purchase(c, now.minus(Duration.ofDays(100 + random.nextInt(200))), true)
                    : email(c, roll < 80 ? "MESSAGE_DELIVERED" : "MESSAGE_OPENED", now);
            case BROWSER -> roll < 50 ? simple(c, "WEB", "WEB_VISIT", now)
                    : roll < 70 ? simple(c, "WEB", "FORM_SUBMITTED", now)
                    : roll < 85 ? feedback(c, now)
                    : contactRequest(c, now);
            case VISITOR, CARD_HOLDER -> throw new IllegalStateException(c.persona() + " is sent by its own method");
        };
    }

    private String purchase(Customer c, Instant at, boolean imported) {
        String amount = String.format(Locale.ROOT, "%.2f", 3 + random.nextDouble() * (c.persona() == Persona.LOYAL ? 180 : 90));
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE","imported":%s,
                 "customer":{"customerId":"%s","email":"%s","phone":"%s"},
                 "amount":%s,"currency":"EUR","storeId":"%s","attributes":{"region":"%s"}}"""
                .formatted(UUID.randomUUID(), at, imported, c.id(), c.email(), c.phone(), amount, c.store(), c.region());
    }

    private String email(Customer c, String type, Instant at) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"EMAIL","type":"%s",
                 "customer":{"customerId":"%s","email":"%s"},"attributes":{"newsletter":"viikkotarjoukset"}}"""
                .formatted(UUID.randomUUID(), at, type, c.id(), c.email());
    }

    private String sms(Customer c, String type, Instant at) {
        String text = "SMS_REPLY".equals(type) ? ",\"text\":\"" + (random.nextInt(4) == 0 ? "STOP" : "Kiitos, tulen käymään!") + "\"" : "";
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"SMS","type":"%s",
                 "customer":{"customerId":"%s","phone":"%s"}%s}"""
                .formatted(UUID.randomUUID(), at, type, c.id(), c.phone(), text);
    }

    private String simple(Customer c, String channel, String type, Instant at) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"%s","type":"%s",
                 "customer":{"customerId":"%s","email":"%s"},"storeId":"%s"}"""
                .formatted(UUID.randomUUID(), at, channel, type, c.id(), c.email(), c.store());
    }

    private String feedback(Customer c, Instant at) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"FEEDBACK",
                 "customer":{"customerId":"%s","email":"%s"},
                 "text":"Toivoisin enemmän gluteenittomia tuotteita %s myymälään.","rating":%d}"""
                .formatted(UUID.randomUUID(), at, c.id(), c.email(), c.store(), 1 + random.nextInt(5));
    }

    /**
     * A product suggestion at the customer's store (docs/cases.md): a few wordings that the cases' normalised-text
     * match groups, and some that staff group by hand.
     */
    private String suggestion(Customer c, Instant at) {
        String[] texts = {"Gluteenitonta leipää, kiitos!", "gluteenitonta leipää kiitos",
                "Voisitteko ottaa valikoimaan gluteenitonta leipää?", "Kauramaitoa isommissa pakkauksissa",
                "Enemmän luomuvihanneksia"};
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"SUGGESTION",
                 "customer":{"customerId":"%s","email":"%s"},"storeId":"%s","text":"%s",
                 "attributes":{"category":"groceries"}}"""
                .formatted(UUID.randomUUID(), at, c.id(), c.email(), c.store(), texts[random.nextInt(texts.length)]);
    }

    private String contactRequest(Customer c, Instant at) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"CONTACT_REQUEST",
                 "customer":{"customerId":"%s","email":"%s"},"text":"Soittakaa minulle kanta-asiakasedusta."}"""
                .formatted(UUID.randomUUID(), at, c.id(), c.email());
    }

    private static String register(Customer c) {
        // A loyal customer in ten is a key account.
        String tier = c.persona() == Persona.LOYAL && Math.floorMod(c.id().hashCode(), 10) == 0 ? "GOLD" : "NONE";
        return """
                {"firstName":"%s","lastName":"%s","email":"%s","phone":"%s","region":"%s","country":"FI",
                 "language":"fi","timeZone":"Europe/Helsinki","keyAccountTier":"%s"}"""
                .formatted(c.firstName(), c.lastName(), c.email(), c.phone(), c.region(), tier);
    }

    private static String consent(Customer c, String channel, Instant at) {
        return """
                {"eventId":"consent-%s-%s","occurredAt":"%s","channel":"%s","type":"CONSENT_GIVEN","consentPurpose":"marketing",
                 "customer":{"customerId":"%s","email":"%s","phone":"%s"}}"""
                .formatted(c.id(), channel, at, channel, c.id(), c.email(), c.phone());
    }

    /** A till that forgot the currency: ingest must refuse it with a 400 naming the field. */
    private String malformed(Customer c) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE",
                 "customer":{"customerId":"%s"},"amount":12.50}"""
                .formatted(UUID.randomUUID(), clock.instant(), c.id());
    }

    private static List<Customer> customers(int count, Random random) {
        var customers = new ArrayList<Customer>(count);
        Persona[] personas = Persona.values();
        for (int i = 1; i <= count; i++) {
            String first = RetailChain.FIRST_NAMES[random.nextInt(RetailChain.FIRST_NAMES.length)];
            String last = RetailChain.LAST_NAMES[random.nextInt(RetailChain.LAST_NAMES.length)];
            String[] store = RetailChain.STORES[random.nextInt(RetailChain.STORES.length)];
            String email = ascii(first + "." + last).toLowerCase(Locale.ROOT) + i + "@example.fi";
            String phone = "+35840" + String.format(Locale.ROOT, "%07d", 1_000_000 + random.nextInt(8_999_999));
            Persona persona = personas[random.nextInt(personas.length)];
            String label = switch (persona) {
                case VISITOR -> "v-%04d";
                case CARD_HOLDER -> "h-%04d";
                default -> "c-%04d";
            };
            customers.add(new Customer(label.formatted(i), first, last, email, phone, store[1], store[0], persona,
                    "web-" + UUID.nameUUIDFromBytes(("visitor-" + i).getBytes(StandardCharsets.UTF_8)),
                    "2001" + String.format(Locale.ROOT, "%08d", i)));
        }
        return List.copyOf(customers);
    }

    private static String ascii(String name) {
        return name.replace("ä", "a").replace("ö", "o").replace("Ä", "A").replace("Ö", "O");
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
        http.close();
    }
}
