package org.touchpointcrm.notifier.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for segmentation-streams' profile query (consents per customer) and for notifier-service's own
 * SMS status webhook (records what the gateway posts), on 127.0.0.1.
 */
final class ProfileQueryStub implements AutoCloseable {

    /** A status callback as received: the full URL, the signature header and the form. */
    record Callback(String url, String signature, Map<String, String> form) {
    }

    private final HttpServer server;
    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

    ProfileQueryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/customers/", this::profile);
        server.createContext("/sms/status", this::status);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The customer's profile will answer this one consent, e.g. {@code EMAIL/marketing}. */
    void consent(String customerId, String key, boolean granted) {
        profiles.put(customerId, "{\"customerId\":\"" + customerId + "\",\"consents\":{\"" + key
                + "\":{\"granted\":" + granted + ",\"source\":\"web\"}},\"segments\":[]}");
    }

    /** The customer's profile holds {@code email} and answers one e-mail consent given for {@code consentAddress} (null: none recorded). */
    void emailConsent(String customerId, String key, boolean granted, String consentAddress, String email) {
        profiles.put(customerId, "{\"customerId\":\"" + customerId + "\",\"email\":\"" + email + "\",\"consents\":{\""
                + key + "\":{\"granted\":" + granted + ",\"address\":" + (consentAddress == null ? "null"
                : "\"" + consentAddress + "\"") + "}},\"segments\":[]}");
    }

    List<Callback> callbacks() {
        return List.copyOf(callbacks);
    }

    private void profile(HttpExchange exchange) throws IOException {
        try (exchange) {
            String customerId = exchange.getRequestURI().getPath().split("/")[3];
            String json = profiles.get(customerId);
            byte[] body = (json == null ? "{\"status\":404,\"detail\":\"unknown customer\"}" : json).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", json == null ? "application/problem+json" : "application/json");
            exchange.sendResponseHeaders(json == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private void status(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            callbacks.add(new Callback(baseUrl() + exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders().getFirst("X-Twilio-Signature"), Map.copyOf(form)));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
