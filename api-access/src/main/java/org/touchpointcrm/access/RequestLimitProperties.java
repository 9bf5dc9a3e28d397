package org.touchpointcrm.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * How many requests a client may make per second, on every route of a service, under
 * {@code crm.access.request-limits}. A known key has its own bucket; everything else (no key, an
 * unknown key, the public routes) is counted by remote address, so that nobody without a key can
 * keep a service busy. The defaults let the local stack's simulator and the benchmarks run; behind a
 * proxy, set {@code server.forward-headers-strategy} so that the address is the client's, not the
 * proxy's. ingest-service limits events per key on top of this ({@code crm.ingest.access.default-rate-limit}).
 *
 * @param perKey     requests per second per API key (also its burst)
 * @param perAddress requests per second per remote address without a known key (also its burst)
 * @param idleAfter  how long a quiet client's bucket is kept; a new one is full again
 */
@Validated
@ConfigurationProperties("crm.access.request-limits")
public record RequestLimitProperties(@DefaultValue("5000") @Positive int perKey,
                                     @DefaultValue("1000") @Positive int perAddress,
                                     @DefaultValue("1m") Duration idleAfter) {

    /** The defaults, for a filter built without Spring. */
    public static RequestLimitProperties defaults() {
        return new RequestLimitProperties(5000, 1000, Duration.ofMinutes(1));
    }
}
