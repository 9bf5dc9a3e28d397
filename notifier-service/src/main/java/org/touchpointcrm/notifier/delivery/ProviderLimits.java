package org.touchpointcrm.notifier.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import org.touchpointcrm.avro.Channel;

import io.github.bucket4j.Bucket;

/**
 * Each provider's rate limit and concurrency: a Bucket4j token bucket per channel (one SMTP relay, one SMS gateway),
 * and a number of hand-overs at once, so that a provider's limit is never exceeded and a slow provider only
 * holds its own deliveries.
 * <p>
 * Never more than {@code perSecond} within any second: the bucket holds a tenth of the limit (at least one) as a
 * burst and refills the rest evenly over the second, so burst and refill within one second stay under the limit.
 */
public class ProviderLimits {

    private record Limit(Bucket bucket, Semaphore inFlight) {
    }

    private final Map<Channel, Limit> limits = new EnumMap<>(Channel.class);

    public ProviderLimits(ThroughputProperties properties) {
        limits.put(Channel.EMAIL, limit(properties.email()));
        limits.put(Channel.SMS, limit(properties.sms()));
    }

    private static Limit limit(ThroughputProperties.Provider provider) {
        int burst = Math.max(1, provider.perSecond() / 10);
        // A greedy refill of r per second adds its r-th token at the end of the second: with the burst, at most
        // burst + r - 1 tokens fall within any second, one short of the limit (room for the network's jitter).
        int refill = Math.max(1, provider.perSecond() - burst);
        var bucket = Bucket.builder().addLimit(limit -> limit.capacity(burst).refillGreedy(refill, Duration.ofSeconds(1))).build();
        return new Limit(bucket, new Semaphore(provider.inFlight(), true));
    }

    /** Runs one hand-over to the channel's provider once it has a place and a token: waits for both. */
    public <T> T handOver(Channel channel, Supplier<T> handOver) {
        Limit limit = limits.get(channel);
        if (limit == null) {
            return handOver.get();
        }
        limit.inFlight().acquireUninterruptibly();
        try {
            limit.bucket().asBlocking().consumeUninterruptibly(1);
            return handOver.get();
        } finally {
            limit.inFlight().release();
        }
    }
}
