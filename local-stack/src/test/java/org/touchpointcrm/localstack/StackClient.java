package org.touchpointcrm.localstack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.core.ConditionTimeoutException;
import org.touchpointcrm.notifier.campaigns.ControlGroup;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the end-to-end tests do through the local stack's public HTTP interfaces: send touchpoints to
 * ingest-service with its demo key, read profiles back, and call the marketers' API with theirs.
 */
final class StackClient implements AutoCloseable {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalStack stack;
    private final Duration bound;
    private final HttpClient http = HttpClient.newHttpClient();

    private StackClient(LocalStack stack, Duration bound) {
        this.stack = stack;
        this.bound = bound;
    }

    /**
     * Starts the local stack as tests run it (free ports, no simulated traffic) and a client for it;
     * closing the client stops the stack.
     *
     * @param dataDirectory the stack's data, next to the build's {@code crm.stack.data}
     * @param bound         how long a profile may take to show what was sent
     */
    static StackClient startStack(String dataDirectory, Duration bound) throws Exception {
        Path data = Path.of(System.getProperty("crm.stack.data", "target/test-stack-data")).resolveSibling(dataDirectory);
        Path registryHome = Path.of(System.getProperty(EmbeddedRegistry.HOME_PROPERTY, "target/apicurio-registry"));
        return new StackClient(LocalStack.start(LocalStackOptions.forTests(data, registryHome)), bound);
    }

    LocalStack stack() {
        return stack;
    }

    HttpClient http() {
        return http;
    }

    /** POST /v1/touchpoints to ingest-service. */
    HttpResponse<String> post(String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/touchpoints"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request to segmentation-streams with the marketer's key; body null for none. */
    HttpResponse<String> marketer(String method, String path, String body) throws IOException, InterruptedException {
        return marketer(stack.segmentationUrl(), method, path, body);
    }

    /** A request to notifier-service's campaigns with the marketer's key; body null for none. */
    HttpResponse<String> campaigns(String method, String path, String body) throws IOException, InterruptedException {
        return marketer(stack.notifierUrl(), method, path, body);
    }

    /** A request to any service (or any segmentation instance) with the marketer's key; body null for none. */
    HttpResponse<String> marketer(URI service, String method, String path, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(service.resolve(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + LocalStack.MARKETER_API_KEY)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Waits for the customer's profile to satisfy {@code condition}; when it does not within the bound, the
     * failure says what the profile query last answered and how segmentation-streams' health looked, so a
     * run that fails once on a CI machine can be understood from its report.
     */
    JsonNode awaitProfile(String customerId, Predicate<JsonNode> condition) {
        try {
            return await().atMost(bound).pollInterval(Duration.ofMillis(200))
                    .until(() -> profile(customerId), p -> p.isPresent() && condition.test(p.get())).orElseThrow();
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the profile of " + customerId + " did not show what was awaited within " + bound
                    + "; the profile query last answered: " + answer(profileRequest(customerId))
                    + "; segmentation-streams' health: " + answer(stack.segmentationManagementUrl().resolve("/actuator/health")), e);
        }
    }

    private String answer(URI uri) {
        return answer(HttpRequest.newBuilder(uri).GET().build());
    }

    private String answer(HttpRequest request) {
        try {
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer (interrupted)";
        }
    }

    Optional<JsonNode> profile(String customerId) throws IOException, InterruptedException {
        var response = http.send(profileRequest(customerId), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? Optional.of(JSON.readTree(response.body())) : Optional.empty();
    }

    /** The profile query, with the local stack's marketer key (which reads profiles there). */
    HttpRequest profileRequest(String customerId) {
        return HttpRequest.newBuilder(profileUri(customerId))
                .header("Authorization", "Bearer " + LocalStack.MARKETER_API_KEY).GET().build();
    }

    /** A GET on a service's management port, which needs no key. */
    HttpResponse<String> management(URI managementUrl, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(managementUrl.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    URI profileUri(String customerId) {
        return stack.segmentationUrl().resolve("/v1/customers/" + customerId + "/profile");
    }

    static String purchase(String eventId, String customerId, String email, String amount) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"POS","type":"PURCHASE",
                 "customer":{"customerId":"%s","email":"%s"},
                 "amount":%s,"currency":"EUR","storeId":"tampere-koskikeskus"}"""
                .formatted(eventId, Instant.now().truncatedTo(ChronoUnit.SECONDS), customerId, email, amount);
    }

    /** A marketing consent on {@code channel} ("EMAIL" or "SMS"), naming the customer's address on it. */
    static String consent(String customerId, String channel, String address) {
        String identifier = "EMAIL".equals(channel) ? "email" : "phone";
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"%s","type":"CONSENT_GIVEN","consentPurpose":"marketing",
                 "customer":{"customerId":"%s","%s":"%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS), channel, customerId,
                        identifier, address);
    }

    /**
     * Sends the marketing consent and waits until the profile has it: consents travel on the channel's
     * topic and purchases on the shop's, so a purchase sent at once could be processed first.
     */
    JsonNode consented(String customerId, String channel, String address) throws IOException, InterruptedException {
        var answer = post(consent(customerId, channel, address));
        if (answer.statusCode() != 202) {
            throw new AssertionError("the consent of " + customerId + " was refused: " + answer.body());
        }
        return awaitProfile(customerId, p -> p.path("consents").path(channel + "/marketing").path("granted").asBoolean());
    }

    /**
     * A new customer id with {@code prefix} that the example campaign {@code campaignId} treats, i.e. that its
     * deterministic control group ({@code holdoutPercent}) does not hold out: the example campaigns hold out 10–20 %.
     */
    static String treatedCustomer(String prefix, String campaignId, int holdoutPercent) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            String id = prefix + UUID.randomUUID();
            if (!ControlGroup.isHeldOut(campaignId, id, holdoutPercent)) {
                return id;
            }
        }
        throw new AssertionError("no treated customer id in 1,000 tries: is the holdout " + holdoutPercent + " %?");
    }

    /** The first e-mail the mail catcher received for {@code address}, if any yet. */
    Optional<MimeMessage> mailTo(String address) {
        return stack.mail().received().stream().filter(m -> {
            try {
                return m.getAllRecipients() != null
                        && Arrays.stream(m.getAllRecipients()).anyMatch(r -> ((InternetAddress) r).getAddress().equals(address));
            } catch (MessagingException e) {
                return false;
            }
        }).findFirst();
    }

    static String webVisit(String customerId) {
        return """
                {"eventId":"%s","occurredAt":"%s","channel":"WEB","type":"WEB_VISIT","customer":{"customerId":"%s"}}"""
                .formatted(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.SECONDS), customerId);
    }

    @Override
    public void close() {
        http.close();
        stack.close();
    }
}
