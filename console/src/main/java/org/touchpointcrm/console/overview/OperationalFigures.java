package org.touchpointcrm.console.overview;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.console.ConsoleProperties;

/**
 * Touchpoints per minute by channel and dead letters, for the overview: read from the services'
 * management ports (Micrometer's {@code /actuator/metrics}, the operators' API; docs/operations.md), which
 * need no key. Sampled every 10 s; the rate is the counter's growth over the last minute of samples. Where
 * a management URL is not configured the figure is not shown.
 */
@Component
public class OperationalFigures {

    static final List<String> CHANNELS = List.of("EMAIL", "SMS", "WEB", "POS");
    private static final String ACCEPTED = "/actuator/metrics/crm.ingest.touchpoints.accepted";
    private static final String DEAD_LETTERS = "/actuator/metrics/crm.dead.letters";
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {
    };

    private record Sample(Instant at, Map<String, Double> accepted) {
    }

    /** What the overview shows; a null map or count: not configured or not reachable. */
    public record Figures(Map<String, Long> touchpointsPerMinute, Long deadLetters) {
    }

    private final RestClient ingest;
    private final RestClient segmentation;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private volatile Long deadLetters;

    public OperationalFigures(RestClient.Builder builder, ConsoleProperties properties) {
        ingest = client(builder, properties.ingestManagementUrl());
        segmentation = client(builder, properties.segmentationManagementUrl());
    }

    private static RestClient client(RestClient.Builder builder, URI url) {
        return url == null ? null : builder.clone().baseUrl(url.toString()).build();
    }

    @Scheduled(fixedDelay = 10_000, initialDelay = 0)
    void sample() {
        if (ingest != null) {
            Map<String, Double> accepted = new LinkedHashMap<>();
            for (String channel : CHANNELS) {
                Double count = count(ingest, ACCEPTED, "channel:" + channel);
                if (count == null) {
                    return;
                }
                accepted.put(channel, count);
            }
            synchronized (samples) {
                Instant now = Instant.now();
                samples.addLast(new Sample(now, accepted));
                while (samples.size() > 2 && samples.peekFirst().at().isBefore(now.minus(WINDOW))) {
                    samples.removeFirst();
                }
            }
        }
        if (segmentation != null) {
            Double count = count(segmentation, DEAD_LETTERS, null);
            deadLetters = count == null ? null : count.longValue();
        }
    }

    public Figures figures() {
        Map<String, Long> perMinute = null;
        synchronized (samples) {
            if (samples.size() >= 2) {
                Sample first = samples.peekFirst();
                Sample last = samples.peekLast();
                double minutes = Math.max(Duration.between(first.at(), last.at()).toMillis(), 1) / 60_000.0;
                perMinute = new LinkedHashMap<>();
                for (String channel : CHANNELS) {
                    perMinute.put(channel, Math.round((last.accepted().get(channel) - first.accepted().get(channel)) / minutes));
                }
            }
        }
        return new Figures(perMinute, deadLetters);
    }

    /** The counter's COUNT, 0 when no such meter was registered yet (404), null when the port does not answer. */
    private static Double count(RestClient client, String path, String tag) {
        try {
            Map<String, Object> meter = client.get().uri(uri -> {
                        var builder = uri.path(path);
                        return tag == null ? builder.build() : builder.queryParam("tag", tag).build();
                    })
                    .retrieve()
                    .onStatus(status -> status.value() == 404, (request, response) -> {
                    })
                    .body(OBJECT);
            if (meter == null || !(meter.get("measurements") instanceof List<?> measurements)) {
                return 0.0;
            }
            return measurements.stream().filter(m -> m instanceof Map<?, ?> map && "COUNT".equals(map.get("statistic")))
                    .map(m -> ((Number) ((Map<?, ?>) m).get("value")).doubleValue()).findFirst().orElse(0.0);
        } catch (RestClientException e) {
            return null;
        }
    }
}
