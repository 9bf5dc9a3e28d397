package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.localstack.StackClient.purchase;
import static org.touchpointcrm.localstack.StackClient.webVisit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;

import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The walking skeleton, end to end, on the local stack a user starts: a real KRaft broker, the real
 * schema registry, GreenMail and the three services. Driven through public interfaces only:
 * HTTP in, the profile query, SMTP out, the topic's bytes and the registry's Confluent API.
 */
class WalkingSkeletonEndToEndTest {

    private static final Duration PIPELINE_BOUND = Duration.ofSeconds(60);
    private static final JsonMapper JSON = StackClient.JSON;

    private static LocalStack stack;
    private static StackClient client;
    private static HttpClient http;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("test-stack-data", PIPELINE_BOUND);
        stack = client.stack();
        http = client.http();
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void aPurchaseOfANewConsentingCustomerShowsInTheProfileAndSendsTheWelcomeEmail() throws Exception {
        String customer = StackClient.treatedCustomer("c-e2e-", "welcome-new", 10);
        String address = "aino.virtanen+" + customer + "@example.fi";
        client.consented(customer, "EMAIL", address);

        var accepted = client.post(purchase(UUID.randomUUID().toString(), customer, address, "49.90"));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).get("topic").asString()).isEqualTo(Topics.TOUCHPOINTS_POS.name());

        JsonNode profile = client.awaitProfile(customer, p -> p.get("purchases").get("count").asLong() == 1);
        assertThat(profile.get("purchases").get("spendByCurrency").get("EUR").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(profile.get("segments").toString()).contains("one-time", "new");
        assertThat(profile.get("email").asString()).isEqualTo(address);

        MimeMessage mail = await().atMost(PIPELINE_BOUND)
                .until(() -> client.mailTo(address), Optional::isPresent).orElseThrow();
        assertThat(mail.getSubject()).as("the example campaign welcome-new, in Finnish: the customer's language is not known")
                .startsWith("Tervetuloa");
        assertThat(mail.getContentType()).startsWith("multipart/alternative");
        assertThat(mail.getHeader("List-Unsubscribe-Post", ",")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.getMessageID()).matches("<[0-9a-f-]{36}@touchpoint\\.example>");
    }

    @Test
    void aRetriedTouchpointIsAcceptedAgainButCountedOnce() throws Exception {
        String customer = "c-retry-" + UUID.randomUUID();
        String purchase = purchase("retry-" + UUID.randomUUID(), customer, customer + "@example.fi", "12.00");

        assertThat(client.post(purchase).statusCode()).isEqualTo(202);
        assertThat(client.post(purchase).statusCode()).isEqualTo(202);
        assertThat(client.post(webVisit(customer)).statusCode()).isEqualTo(202);

        // The visit comes after both copies on the customer's partition: once it shows, the retry was handled.
        JsonNode profile = client.awaitProfile(customer, p -> p.get("contactsByChannel").has("WEB"));
        assertThat(profile.get("purchases").get("count").asLong()).isEqualTo(1);
        assertThat(profile.get("version").asLong()).isEqualTo(2);
    }

    @Test
    void everyServiceIsLiveAndReadyOnceTheStackIsUp() {
        // Segmentation and notifier are ready only once their Streams apps run (kafkaStreams in their
        // readiness groups), ingest only while the broker answers (kafkaBroker).
        // On the management ports: the public ones answer no actuator path without a key.
        for (URI service : List.of(stack.ingestManagementUrl(), stack.segmentationManagementUrl(),
                stack.notifierManagementUrl())) {
            await().atMost(PIPELINE_BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(status(service, "/actuator/health/liveness")).as(service + " liveness").isEqualTo(200);
                assertThat(status(service, "/actuator/health/readiness")).as(service + " readiness").isEqualTo(200);
            });
        }
    }

    @Test
    void everyMetricTheOperationsGuideListsIsOnItsServicesPrometheusEndpointWithTheApplicationTag() throws Exception {
        DocumentedMetrics documented = DocumentedMetrics.read(Path.of(System.getProperty("crm.operations.guide",
                "../docs/operations.md")));
        // Traffic that moves every meter: an accepted purchase (segment changes, a decision, an e-mail), a refused
        // touchpoint, and bytes that are not Avro (a dead letter).
        String customer = StackClient.treatedCustomer("c-metrics-", "welcome-new", 10);
        String address = customer + "@example.fi";
        client.consented(customer, "EMAIL", address);
        assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, address, "19.90")).statusCode()).isEqualTo(202);
        assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, address, "19.90").replace("\"EUR\"", "\"XYZ\""))
                .statusCode()).isEqualTo(400);
        sendNotAvro(Topics.TOUCHPOINTS_POS.name(), "not-avro-" + UUID.randomUUID());
        Map<String, URI> services = Map.of("ingest-service", stack.ingestManagementUrl(),
                "segmentation-streams", stack.segmentationManagementUrl(), "notifier-service", stack.notifierManagementUrl());

        documented.seriesByService().forEach((service, series) ->
                await().atMost(PIPELINE_BOUND).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, List<String>> scraped = DocumentedMetrics.samples(get(services.get(service), "/actuator/prometheus"));
                    assertThat(scraped.keySet()).as(service + " /actuator/prometheus").containsAll(series);
                    for (String name : series) {
                        assertThat(scraped.get(name)).as(name + " on " + service)
                                .anyMatch(labels -> labels.contains("application=\"" + service + "\""));
                    }
                }));
    }

    private static String get(URI service, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + service.resolve(path)).isEqualTo(200);
        return response.body();
    }

    private static int status(URI service, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.resolve(path)).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aPurchaseWithoutCurrencyIsRefusedWithAProblemNamingTheField() throws Exception {
        String body = """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE",
                 "customer":{"customerId":"c-bad"},"amount":12.50}""".formatted(UUID.randomUUID(), Instant.now());

        var refused = client.post(body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("currency");
    }

    @Test
    void aBatchIsStoredItemByItemOnTheRealBroker() throws Exception {
        String customer = "c-batch-" + UUID.randomUUID();
        String ndjson = String.join("\n", webVisit(customer), "{\"eventId\": \"broken\"}", webVisit(customer)) + "\n";

        var response = http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/touchpoints:batch"))
                .header("Content-Type", "application/x-ndjson")
                .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.get("accepted").asInt()).isEqualTo(2);
        assertThat(result.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        JsonNode profile = client.awaitProfile(customer, p -> p.get("version").asLong() == 2);
        assertThat(profile.get("contactsByChannel").get("WEB").get("count").asLong()).isEqualTo(2);
    }

    @Test
    void aTouchpointWithoutAnApiKeyIsRefused() throws Exception {
        var response = http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/touchpoints"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(webVisit("c-anonymous"))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void aChannelSystemWritingAvroStraightToKafkaIsCountedLikeHttp() throws Exception {
        String customer = "c-direct-" + UUID.randomUUID();
        TouchpointEvent visit = TouchpointEvent.newBuilder()
                .setEventId("direct-" + UUID.randomUUID())
                .setOccurredAt(Instant.now())
                .setChannel(Channel.WEB)
                .setType(TouchpointType.WEB_VISIT)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(customer).build())
                .setSource("web-shop")
                .build();
        // Exactly what the README shows a channel system: the serdes factory's producer settings.
        Map<String, Object> config = new HashMap<>(CrmSerdes.withRegistry(stack.registryUrl()).producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);

        try (var producer = new KafkaProducer<String, TouchpointEvent>(config)) {
            producer.send(new ProducerRecord<>(Topics.TOUCHPOINTS_WEB.name(), CustomerReference.of(visit.getCustomer()), visit)).get();
        }

        JsonNode profile = client.awaitProfile(customer, p -> p.get("contactsByChannel").has("WEB"));
        assertThat(profile.get("version").asLong()).isEqualTo(1);
    }

    @Test
    void bytesThatAreNotAvroGoToTheDeadLetterTopicWithTheirSourceAndProcessingGoesOn() throws Exception {
        String marker = "not-avro-" + UUID.randomUUID();
        sendNotAvro(Topics.TOUCHPOINTS_POS.name(), marker);

        ConsumerRecord<String, byte[]> dead = await().atMost(PIPELINE_BOUND)
                .until(() -> recordContaining(Topics.DLQ_SEGMENTATION.name(), marker), Optional::isPresent).orElseThrow();

        assertThat(dead.key()).isEqualTo("c-garbage");
        assertThat(new String(dead.value(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(marker);
        assertThat(new String(dead.headers().lastHeader("__streams.errors.topic").value(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(Topics.TOUCHPOINTS_POS.name());
        assertThat(dead.headers().lastHeader("__streams.errors.offset")).isNotNull();
        assertThat(dead.headers().lastHeader("__streams.errors.exception")).isNotNull();
        // Processing went on past the bad record.
        String customer = "c-after-garbage-" + UUID.randomUUID();
        assertThat(client.post(webVisit(customer)).statusCode()).isEqualTo(202);
        client.awaitProfile(customer, p -> p.get("contactsByChannel").has("WEB"));
    }

    /** Writes bytes that are not Avro, keyed c-garbage, as a channel system with a broken serializer would. */
    private static void sendNotAvro(String topic, String text) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "c-garbage", text.getBytes(java.nio.charset.StandardCharsets.UTF_8))).get();
        }
    }

    @Test
    void anUnknownCustomerIsNotFound() throws Exception {
        var response = http.send(client.profileRequest("c-never-seen"), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("c-never-seen");
    }

    @Test
    void touchpointsAreConfluentWireFormatWhoseIdTheRegistryResolvesToTheWritersSchema() throws Exception {
        String eventId = "wire-" + UUID.randomUUID();
        assertThat(client.post(purchase(eventId, "c-wire", "wire@example.fi", "1.00")).statusCode()).isEqualTo(202);

        byte[] value = await().atMost(PIPELINE_BOUND)
                .until(() -> recordContaining(Topics.TOUCHPOINTS_POS.name(), eventId), Optional::isPresent).orElseThrow().value();

        assertThat(value[0]).as("magic byte").isZero();
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        var schemaResponse = http.send(HttpRequest.newBuilder(
                        URI.create(stack.registryUrl() + CrmSerdes.CCOMPAT_PATH + "/schemas/ids/" + schemaId)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(schemaResponse.statusCode()).isEqualTo(200);
        Schema writer = new Schema.Parser().parse(JSON.readTree(schemaResponse.body()).get("schema").asString());
        assertThat(SchemaNormalization.parsingFingerprint64(writer))
                .isEqualTo(SchemaNormalization.parsingFingerprint64(TouchpointEvent.getClassSchema()));

        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer)
                .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        assertThat(decoded.get("eventId").toString()).isEqualTo(eventId);

        var subjects = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + CrmSerdes.CCOMPAT_PATH + "/subjects"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains(Topics.TOUCHPOINTS_POS.name() + "-value");
    }

    @Test
    void theTrafficSimulatorsEventsAreAcceptedAndItsMalformedOnesRefused() throws Exception {
        int events = 2 * TrafficSimulator.MALFORMED_EVERY;
        try (var simulator = new TrafficSimulator(stack.ingestUrl(), LocalStack.DEMO_API_KEY, 25, 7L, Clock.systemUTC())) {
            var totals = simulator.sendAndWait(events);

            assertThat(totals.sent()).isEqualTo(events);
            assertThat(totals.malformed()).isEqualTo(events / TrafficSimulator.MALFORMED_EVERY);
            assertThat(totals.duplicates()).isPositive();
            assertThat(totals.rejected()).isEqualTo(totals.malformed());
            assertThat(totals.failed()).isZero();
            assertThat(totals.accepted()).isEqualTo(events - totals.malformed());

            List<String> ids = simulator.customers().stream().filter(TrafficSimulator.Customer::registered)
                    .map(TrafficSimulator.Customer::id).toList();
            await().atMost(PIPELINE_BOUND).until(() -> ids.stream().anyMatch(this::hasProfile));

            simulator.registerCustomers();
            TrafficSimulator.Customer first = simulator.customers().stream()
                    .filter(c -> c.registered() && c.persona() != TrafficSimulator.Persona.BROWSER).findFirst().orElseThrow();
            JsonNode registered = client.awaitProfile(first.id(), p -> p.get("master").isObject());
            assertThat(registered.get("master").get("region").asString()).isEqualTo(first.region());
            assertThat(registered.get("consents").get("EMAIL/marketing").get("granted").asBoolean()).isTrue();
        }
    }

    @Test
    void theCustomerRegisterIsWrittenThroughTheRegistryAndReadBackThroughTheProfileQuery() throws Exception {
        String customer = "c-register-" + UUID.randomUUID();
        URI register = stack.ingestUrl().resolve("/v1/customers/" + customer);

        var stored = http.send(withApiKey(register).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"firstName":"Aino","lastName":"Virtanen","email":"Aino.Virtanen@Example.FI",
                         "phone":"040 123 4567","country":"FI","language":"fi","timeZone":"Europe/Helsinki",
                         "keyAccountTier":"GOLD"}""")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(stored.body()).get("phone").asString()).isEqualTo("+358401234567");

        var imported = http.send(withApiKey(stack.ingestUrl().resolve("/v1/customers:import"))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("customerId,lastName,country\n"
                        + customer + "-2,Korhonen,FI\n" + customer + "-3,Mäkinen,Suomi\n")).build(),
                HttpResponse.BodyHandlers.ofLines());
        JsonNode summary = JSON.readTree(imported.body().reduce((first, last) -> last).orElseThrow());
        assertThat(summary.get("accepted").asLong()).isEqualTo(1);
        assertThat(summary.get("rejections").get(0).get("row").asLong()).isEqualTo(2);

        var subjects = http.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + CrmSerdes.CCOMPAT_PATH + "/subjects"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains(Topics.CUSTOMERS.name() + "-value");

        // GET answers from the profile: the register's record joins it before any touchpoint arrives.
        JsonNode registered = await().atMost(PIPELINE_BOUND).pollInterval(Duration.ofMillis(200)).until(
                () -> http.send(withApiKey(register).GET().build(), HttpResponse.BodyHandlers.ofString()),
                response -> response.statusCode() == 200)
                .body().transform(JSON::readTree);
        assertThat(registered.get("master").get("keyAccountTier").asString()).isEqualTo("GOLD");
        assertThat(registered.get("email").asString()).isEqualTo("Aino.Virtanen@example.fi");
        assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, "aino.virtanen@example.fi", "5.00")).statusCode())
                .isEqualTo(202);
        JsonNode profile = client.awaitProfile(customer, p -> p.get("purchases").get("count").asLong() == 1);
        assertThat(profile.get("master").get("lastName").asString()).isEqualTo("Virtanen");

        var erasure = http.send(withApiKey(register).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(erasure.statusCode()).isEqualTo(202);
        assertThat(UUID.fromString(JSON.readTree(erasure.body()).get("requestId").asString())).isNotNull();
    }

    /** A request to ingest-service, with the local stack's API key. */
    private static HttpRequest.Builder withApiKey(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY);
    }

    private boolean hasProfile(String customerId) {
        try {
            return client.profile(customerId).isPresent();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }


    /** Reads a topic from the start, as raw bytes, looking for a record whose value contains the text. */
    private Optional<ConsumerRecord<String, byte[]>> recordContaining(String topic, String text) {
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "wire-format-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant until = Instant.now().plus(10, ChronoUnit.SECONDS);
            while (Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(text)) {
                        return Optional.of(record);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
