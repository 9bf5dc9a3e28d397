package org.touchpointcrm.crmctl.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.crmctl.CrmctlRun.crmctl;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.crmctl.CrmctlRun;

import com.sun.net.httpserver.HttpServer;

/** {@code crmctl segments} against a loopback server answering as segmentation-streams does. */
class SegmentsCommandTest {

    /** GET /v1/segments as segmentation-streams answers it (SegmentOverview.Listing). */
    private static final String LISTING = """
            {"segments": [
              {"id": "one-time", "name": "One-time buyers", "description": "Bought exactly once.", "version": 1, "size": 1842},
              {"id": "loyal", "name": "Loyal customers", "description": "Frequent, recent.", "version": 3, "size": 27},
              {"id": "lapsing", "name": "Lapsing", "description": "No purchase for 90 days.", "version": 1, "size": 0},
              {"id": "new", "name": "New customers", "description": "First purchase this month.", "version": 2, "size": 310}
            ]}""";

    private HttpServer server;
    /** The Authorization header of the last request served. */
    private volatile String authorization;

    private String serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/segments", exchange -> {
            authorization = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void theSegmentsAreListedLargestFirst() throws Exception {
        CrmctlRun segments = crmctl("segments", "--url", serve(200, LISTING), "--api-key", "test-key-analyst");

        assertThat(segments.exitCode()).as(segments.toString()).isZero();
        assertThat(authorization).isEqualTo("Bearer test-key-analyst");
        assertThat(segments.out().lines().skip(1).limit(4).map(line -> line.strip().split("\\s+")[1]))
                .containsExactly("one-time", "new", "loyal", "lapsing");
        assertThat(segments.out()).contains("1842  one-time", "One-time buyers", "4 active segments");
    }

    @Test
    void aServiceThatCannotAnswerYetIsSaidSo() throws Exception {
        CrmctlRun segments = crmctl("segments", "--url", serve(503, "{\"title\": \"Service Unavailable\"}"));

        assertThat(segments.exitCode()).isEqualTo(1);
        assertThat(segments.err()).contains("answered 503", "Kafka Streams is starting or rebalancing: try again shortly");
    }

    @Test
    void aRefusedKeyIsSaidSoWithHowToGiveOne() throws Exception {
        CrmctlRun segments = crmctl("segments", "--url", serve(401, "{\"title\": \"No API key\"}"));

        assertThat(segments.exitCode()).isEqualTo(1);
        assertThat(segments.err()).contains("answered 401", "--api-key", "CRM_API_KEY");
    }

    @Test
    void anUnreachableServiceIsSaidSo() {
        CrmctlRun segments = crmctl("segments", "--url", "http://127.0.0.1:9", "--timeout", "2");

        assertThat(segments.exitCode()).isEqualTo(1);
        assertThat(segments.err()).contains("segmentation-streams at http://127.0.0.1:9 is unreachable", "check --url");
    }
}
