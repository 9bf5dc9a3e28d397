package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.ingest.IngestApplication;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * ingest-service when Kafka goes away mid-run: it answers 503 with Retry-After instead of
 * accepting what it cannot store, accepts again once Kafka is back, and everything it ever
 * answered 202 for is on the topic. Its readiness probe follows the broker; its liveness does not.
 *
 * <p>The in-process test broker cannot be restarted in place (a restarted broker of Kafka's test
 * kit never serves metadata again), so the broker is taken away from its clients the way a crash
 * looks to them: its only advertised address is a proxy whose connections are all cut.
 */
class BrokerOutageTest {

    private static final String KEY = "outage-test-key";

    private final HttpClient http = HttpClient.newHttpClient();
    private LoopbackProxy proxy;
    private EmbeddedBroker broker;
    private EmbeddedRegistry registry;
    private ConfigurableApplicationContext ingest;
    private URI ingestUrl;
    private URI ingestManagementUrl;

    @AfterEach
    void stopEverything() throws Exception {
        http.close();
        if (ingest != null) {
            ingest.close();
        }
        if (registry != null) {
            registry.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void aBrokerOutageAnswers503AndNothingAcceptedIsLost() throws Exception {
        startIngestBehindAProxy();
        String before = "before-" + UUID.randomUUID();
        assertThat(post(before).statusCode()).isEqualTo(202);

        proxy.cut();
        String during = "during-" + UUID.randomUUID();
        HttpResponse<String> refused = post(during);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("retry it with the same eventId");

        proxy.restore();
        String after = "after-" + UUID.randomUUID();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> post(after).statusCode() == 202);
        assertThat(post(during).statusCode()).as("the client's retry of the refused event").isEqualTo(202);

        Set<String> stored = await().atMost(Duration.ofSeconds(30))
                .until(this::eventIdsOnTheTopic, ids -> ids.containsAll(List.of(before, during, after)));
        assertThat(stored).contains(before, during, after);
    }

    @Test
    void readinessIsDownWhileTheBrokerIsUnreachableAndLivenessStaysUp() throws Exception {
        startIngestBehindAProxy();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> probe("readiness") == 200);

        proxy.cut();
        // Liveness is asked at every poll: a broker outage must never look like a process to restart.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> livenessUpThen("readiness") == 503);

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> livenessUpThen("readiness") == 200);
        assertThat(post("after-" + UUID.randomUUID()).statusCode()).as("ready again means writes are taken").isEqualTo(202);
    }

    private int livenessUpThen(String probe) throws IOException, InterruptedException {
        assertThat(probe("liveness")).as("liveness").isEqualTo(200);
        return probe(probe);
    }

    private int probe(String name) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(ingestManagementUrl.resolve("/actuator/health/" + name))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aRequestInFlightWhenTheServiceStopsStillGetsItsAnswer() throws Exception {
        startIngestBehindAProxy();
        assertThat(post("warm-" + UUID.randomUUID()).statusCode()).isEqualTo(202);
        var active = ingest.getBean(MeterRegistry.class);

        proxy.cut();
        String eventId = "in-flight-" + UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return post(eventId);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> requestsInFlight(active) > 0);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(ingest::close);
        proxy.restore();

        assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(202);
        stopping.get(40, TimeUnit.SECONDS);
        assertThat(ingest.isActive()).isFalse();
        ingest = null;
        Set<String> stored = await().atMost(Duration.ofSeconds(30))
                .until(this::eventIdsOnTheTopic, ids -> ids.contains(eventId));
        assertThat(stored).contains(eventId);
    }

    private static double requestsInFlight(MeterRegistry registry) {
        var timer = registry.find("http.server.requests.active").longTaskTimer();
        return timer == null ? 0 : timer.activeTasks();
    }

    private void startIngestBehindAProxy() throws Exception {
        Path data = Path.of(System.getProperty("crm.stack.data", "target/test-stack-data")).resolveSibling("outage-test-data");
        int proxyPort = FreePort.pick();
        proxy = LoopbackProxy.start(proxyPort);
        broker = EmbeddedBroker.startBehind(data.resolve("kafka-" + UUID.randomUUID()), proxyPort);
        proxy.forwardTo(broker.listenerPort());
        Path registryHome = Path.of(System.getProperty(EmbeddedRegistry.HOME_PROPERTY, "target/apicurio-registry"));
        registry = EmbeddedRegistry.start(registryHome, FreePort.pick(), FreePort.pick(), data.resolve("registry.log"));
        int port = FreePort.pick();
        int managementPort = FreePort.pick();
        ingest = IngestApplication.application().registerShutdownHook(false).run(
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--management.server.port=" + managementPort, "--management.server.address=127.0.0.1",
                // No segmentation-streams here: the profile query is not asked, but its key is required.
                "--crm.ingest.profile-query-api-key=outage-test-unused-key",
                "--spring.kafka.bootstrap-servers=localhost:" + proxyPort,
                "--crm.kafka.schema-registry-url=" + registry.url(),
                "--crm.kafka.replication-factor=1",
                "--crm.ingest.ack-timeout=3s",
                "--crm.ingest.access.keys[0].name=outage-test",
                "--crm.ingest.access.keys[0].sha256=" + ApiKeys.sha256Hex(KEY),
                "--crm.ingest.access.keys[0].channels=WEB",
                "--crm.ingest.access.keys[0].operations=TOUCHPOINTS_WRITE",
                "--spring.main.banner-mode=off");
        ingestUrl = URI.create("http://127.0.0.1:" + port);
        ingestManagementUrl = URI.create("http://127.0.0.1:" + managementPort);
    }

    private HttpResponse<String> post(String eventId) throws IOException, InterruptedException {
        String visit = """
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"WEB_VISIT","customer":{"customerId":"c-outage"}}"""
                .formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return http.send(HttpRequest.newBuilder(ingestUrl.resolve("/v1/touchpoints"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(visit)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every eventId on the web touchpoint topic, read committed from the beginning. */
    private Set<String> eventIdsOnTheTopic() {
        Topic<String, ?> topic = Topics.TOUCHPOINTS_WEB;
        var config = Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + broker.listenerPort(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        var ids = new HashSet<String>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic.name()));
            Instant until = Instant.now().plusSeconds(5);
            while (Instant.now().isBefore(until)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    String text = new String(record.value(), StandardCharsets.ISO_8859_1);
                    for (String prefix : List.of("before-", "during-", "after-", "in-flight-")) {
                        int at = text.indexOf(prefix);
                        if (at >= 0) {
                            ids.add(text.substring(at, at + prefix.length() + 36));
                        }
                    }
                });
            }
        }
        return ids;
    }
}
