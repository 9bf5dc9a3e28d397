package org.touchpointcrm.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The local stack's two example campaigns, created through notifier-service's API as a marketer would
 * (with the marketer key): a welcome for customers who become new, a win-back for lapsing ones. Their
 * JSON lies in {@code example-campaigns/}, the request bodies of docs/campaigns.md.
 */
final class ExampleCampaigns {

    static final List<String> IDS = List.of("welcome-new", "win-back-lapsing");
    private static final String FOLDER = "example-campaigns/";

    private ExampleCampaigns() {
    }

    /** Creates each example campaign; a refusal stops the stack's start with the notifier's answer. */
    static void create(URI notifier, String marketerKey) throws IOException, InterruptedException {
        try (var http = HttpClient.newHttpClient()) {
            for (String id : IDS) {
                var response = http.send(HttpRequest.newBuilder(notifier.resolve("/v1/campaigns"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + marketerKey)
                        .POST(HttpRequest.BodyPublishers.ofString(json(id))).build(), HttpResponse.BodyHandlers.ofString());
                // 202: stored, but not yet read back within the notifier's wait; it shows shortly.
                if (response.statusCode() != 201 && response.statusCode() != 202) {
                    throw new IllegalStateException("notifier-service refused the example campaign " + FOLDER + id + ".json with "
                            + response.statusCode() + ": " + response.body() + "; fix the file to what docs/campaigns.md describes");
                }
            }
        }
    }

    static String json(String id) {
        try (InputStream in = ExampleCampaigns.class.getClassLoader().getResourceAsStream(FOLDER + id + ".json")) {
            if (in == null) {
                throw new IllegalStateException(FOLDER + id + ".json is missing from local-stack's resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
