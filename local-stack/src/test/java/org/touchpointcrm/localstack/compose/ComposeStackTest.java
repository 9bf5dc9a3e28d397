package org.touchpointcrm.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.touchpointcrm.localstack.LocalStack;

import tools.jackson.databind.JsonNode;

/**
 * The production-like stack as a user starts it ({@code docker compose up --build}): images built
 * from this tree, the real broker, registry and services in containers. A touchpoint posted to
 * ingest-service shows in the customer's profile, asked through ingest, which forwards to the
 * segmentation instance owning the customer. Skipped where no Docker engine answers (as on the
 * project's CI machines, which have none).
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackTest {

    /** The first run builds every service's image and pulls the others: minutes, not seconds. */
    private static final Duration STARTUP = Duration.ofMinutes(20);
    private static final Duration PIPELINE_BOUND = Duration.ofMinutes(2);
    private static final int INGEST_PORT = 8080;

    @Container
    static final ComposeContainer STACK = new ComposeContainer(Repository.file(ComposeFile.PATH).toFile())
            .withBuild(true)
            .withRemoveVolumes(true)
            .withStartupTimeout(STARTUP)
            .withExposedService("ingest-service-1", INGEST_PORT,
                    Wait.forHttp("/actuator/health/readiness").forStatusCode(200).withStartupTimeout(STARTUP))
            .waitingFor("segmentation-streams-2-1", Wait.forHealthcheck().withStartupTimeout(STARTUP))
            .waitingFor("notifier-service-1", Wait.forHealthcheck().withStartupTimeout(STARTUP));

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @AfterAll
    static void closeTheClient() {
        HTTP.close();
    }

    @Test
    void aTouchpointPostedToIngestShowsInTheCustomersProfile() throws Exception {
        URI ingest = URI.create("http://" + STACK.getServiceHost("ingest-service-1", INGEST_PORT) + ":"
                + STACK.getServicePort("ingest-service-1", INGEST_PORT));
        String customerId = "c-compose-" + UUID.randomUUID();
        String purchase = """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE","customer":{"customerId":"%s"},
                 "amount":49.90,"currency":"EUR","storeId":"tampere-koskikeskus"}"""
                .formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), customerId);

        var accepted = send(HttpRequest.newBuilder(ingest.resolve("/v1/touchpoints"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(purchase)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        JsonNode profile = await().atMost(PIPELINE_BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> send(HttpRequest.newBuilder(ingest.resolve("/v1/customers/" + customerId)).GET()),
                        response -> response.statusCode() == 200)
                .body().transform(Repository.JSON::readTree);
        assertThat(profile.toString()).contains(customerId).contains("49.9");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
