package org.touchpointcrm.access;

import java.time.Duration;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * A token bucket (Bucket4j) per client, for every request: per API key once the key is known, per
 * remote address before that. The buckets live in a bounded cache (Caffeine), so that many addresses
 * cannot grow it without end; a bucket forgotten after {@link RequestLimitProperties#idleAfter()}
 * would have refilled anyway.
 */
public class RequestLimits {

    /** Bounds the memory of the buckets whatever the number of addresses seen. */
    private static final int MAX_CLIENTS = 100_000;

    private final RequestLimitProperties properties;
    private final Cache<String, Bucket> keys;
    private final Cache<String, Bucket> addresses;

    public RequestLimits(RequestLimitProperties properties) {
        this.properties = properties;
        this.keys = buckets(properties.idleAfter());
        this.addresses = buckets(properties.idleAfter());
    }

    /** @return how long the key's holder must wait, or empty if the request may go on */
    public Optional<Duration> takeForKey(ApiClient client) {
        return take(keys.get(client.name(), name -> bucket(properties.perKey())));
    }

    /** @return how long the address must wait, or empty if the request may go on */
    public Optional<Duration> takeForAddress(String remoteAddress) {
        return take(addresses.get(remoteAddress, address -> bucket(properties.perAddress())));
    }

    public int perKey() {
        return properties.perKey();
    }

    public int perAddress() {
        return properties.perAddress();
    }

    private static Optional<Duration> take(Bucket bucket) {
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private static Bucket bucket(int perSecond) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }

    private static Cache<String, Bucket> buckets(Duration idleAfter) {
        return Caffeine.newBuilder().maximumSize(MAX_CLIENTS).expireAfterAccess(idleAfter).build();
    }
}
