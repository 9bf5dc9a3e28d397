package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * What the simulator sends, caught by a plain HTTP server on localhost: besides the register's customers, anonymous
 * visitors on Segment's routes who later identify with an address, and till shoppers known by a loyalty card who now
 * and then give their address too.
 */
class TrafficSimulatorTest {

    private record Received(String path, String authorization, JsonNode body) {
    }

    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @BeforeEach
    void catchRequests() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("Authorization"),
                    StackClient.JSON.readTree(new String(body, StandardCharsets.UTF_8))));
            exchange.sendResponseHeaders(path.equals("/v1/touchpoints") ? 202 : 200, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void visitorsIdentifyOnSegmentsRoutesAndCardHoldersSometimesGiveTheirAddress() throws Exception {
        URI ingest = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (var simulator = new TrafficSimulator(ingest, "demo-key", 12, 7L, Clock.systemUTC())) {
            assertThat(simulator.customers()).extracting(TrafficSimulator.Customer::persona)
                    .contains(TrafficSimulator.Persona.VISITOR, TrafficSimulator.Persona.CARD_HOLDER);

            var totals = simulator.sendAndWait(600);
            assertThat(totals.failed()).isZero();
        }

        String basic = "Basic " + Base64.getEncoder().encodeToString("demo-key:".getBytes(StandardCharsets.UTF_8));
        List<Received> pages = only("/v1/page");
        List<Received> identifies = only("/v1/identify");
        assertThat(pages).isNotEmpty().allSatisfy(page -> {
            assertThat(page.authorization()).as("the write key as the basic-auth user").isEqualTo(basic);
            assertThat(page.body().path("anonymousId").asString()).startsWith("web-");
            assertThat(page.body().has("userId")).isFalse();
        });
        assertThat(identifies).isNotEmpty().allSatisfy(identify ->
                assertThat(identify.body().path("traits").path("email").asString()).endsWith("@example.fi"));
        Set<String> identifiedVisitors = identifies.stream().map(i -> i.body().path("anonymousId").asString())
                .collect(Collectors.toSet());
        assertThat(pages).as("an identified visitor browsed anonymously first")
                .anySatisfy(page -> assertThat(identifiedVisitors).contains(page.body().path("anonymousId").asString()));

        List<JsonNode> tillPurchases = only("/v1/touchpoints").stream().map(Received::body)
                .filter(t -> t.path("type").asString().equals("PURCHASE") && t.path("channel").asString().equals("POS"))
                .toList();
        assertThat(tillPurchases).as("a card alone").anySatisfy(t -> {
            assertThat(t.path("customer").path("loyaltyCardId").asString()).startsWith("2001");
            assertThat(t.path("customer").has("email")).isFalse();
            assertThat(t.path("customer").has("customerId")).isFalse();
        });
        assertThat(tillPurchases).as("a card with the address, which links them").anySatisfy(t -> {
            assertThat(t.path("customer").path("loyaltyCardId").asString()).startsWith("2001");
            assertThat(t.path("customer").path("email").asString()).endsWith("@example.fi");
        });
    }

    private List<Received> only(String path) {
        synchronized (received) {
            return received.stream().filter(r -> r.path().equals(path)).toList();
        }
    }
}
