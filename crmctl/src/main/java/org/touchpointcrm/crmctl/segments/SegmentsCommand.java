package org.touchpointcrm.crmctl.segments;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code crmctl segments}: segmentation-streams' {@code GET /v1/segments} as a table, largest first. */
@Command(name = "segments", mixinStandardHelpOptions = true,
        description = "The active segments and their sizes now, largest first, from segmentation-streams' GET /v1/segments.")
public final class SegmentsCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Option(names = "--url", defaultValue = "http://localhost:8081", paramLabel = "URL",
            description = "segmentation-streams' base address (default: ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--api-key", defaultValue = "${env:CRM_API_KEY}", paramLabel = "KEY",
            description = "An API key with SEGMENTS_READ; every route of segmentation-streams needs one (default: the"
                    + " environment's CRM_API_KEY, so that the key stays out of the shell's history).")
    String apiKey;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    /** One row of the answer. */
    record Segment(String id, String name, int version, long size) {
    }

    @Override
    public Integer call() {
        List<Segment> segments = fetch();
        PrintWriter out = spec.commandLine().getOut();
        TextTable table = new TextTable("SIZE", "SEGMENT", "VERSION", "NAME");
        segments.stream().sorted(Comparator.comparingLong(Segment::size).reversed().thenComparing(Segment::id))
                .forEach(s -> table.row(s.size(), s.id(), s.version(), s.name()));
        table.print(out, "");
        out.println(segments.size() + " active segment" + (segments.size() == 1 ? "" : "s"));
        out.flush();
        return 0;
    }

    private List<Segment> fetch() {
        URI uri = URI.create(url.toString().replaceAll("/+$", "") + "/v1/segments");
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
            if (apiKey != null && !apiKey.isBlank()) {
                request.header("Authorization", "Bearer " + apiKey.strip());
            }
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CrmctlException("segmentation-streams at " + url + " is unreachable (" + e + " within " + timeoutSeconds
                    + " s); check --url and that the service runs");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmctlException("interrupted while asking " + uri);
        }
        if (response.statusCode() != 200) {
            throw new CrmctlException("GET " + uri + " answered " + response.statusCode() + ": " + response.body().strip()
                    + (response.statusCode() == 503 ? " (Kafka Streams is starting or rebalancing: try again shortly)" : "")
                    + (response.statusCode() == 401 || response.statusCode() == 403
                            ? " (give a key with SEGMENTS_READ: --api-key, or CRM_API_KEY in the environment)" : ""));
        }
        try {
            JsonNode listing = JSON.readTree(response.body()).path("segments");
            if (!listing.isArray()) {
                throw new CrmctlException("GET " + uri + " answered without a \"segments\" array; is --url segmentation-streams? "
                        + "It answered: " + response.body().strip());
            }
            List<Segment> segments = new ArrayList<>();
            listing.forEach(s -> segments.add(new Segment(s.path("id").asString(), s.path("name").asString(),
                    s.path("version").asInt(), s.path("size").asLong())));
            return segments;
        } catch (JacksonException e) {
            throw new CrmctlException("GET " + uri + " answered with something that is not JSON (" + e.getOriginalMessage()
                    + "); is --url segmentation-streams?");
        }
    }
}
