package org.touchpointcrm.ingest.touchpoints;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.ingest.access.ApiKeyProperties;
import org.touchpointcrm.ingest.access.RateLimitExceededException;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * One token bucket per API key (Bucket4j): a key may send its rate limit of events per second,
 * with bursts up to one second's worth or one full batch. A batch costs one token per event.
 */
@Component
public class RateLimits {

    private final Map<String, Integer> ratePerClient;
    private final int defaultRate;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(ApiKeyProperties properties) {
        this.defaultRate = properties.defaultRateLimit();
        this.ratePerClient = properties.keys().stream()
                .filter(k -> k.rateLimit() > 0)
                .collect(Collectors.toMap(AccessProperties.Key::name, AccessProperties.Key::rateLimit, Math::min));
    }

    /** Takes {@code events} tokens, or says how long to wait until they would be there. */
    public void take(ApiClient client, int events) {
        Bucket bucket = buckets.computeIfAbsent(client.name(), newBucket());
        var probe = bucket.tryConsumeAndReturnRemaining(events);
        if (!probe.isConsumed()) {
            throw new RateLimitExceededException(client.name(), ratePerClient.getOrDefault(client.name(), defaultRate),
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    private Function<String, Bucket> newBucket() {
        return name -> {
            int rate = ratePerClient.getOrDefault(name, defaultRate);
            // A full batch must always fit, however low the rate: then it waits for its tokens instead.
            int capacity = Math.max(rate, BatchReader.MAX_ITEMS);
            return Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(rate, Duration.ofSeconds(1)).build())
                    .build();
        };
    }
}
