package org.touchpointcrm.ingest.access;

import java.time.Duration;

/** A key sent more than its rate allows; the request was not processed and may be retried later. */
public class RateLimitExceededException extends RuntimeException {

    private final transient Duration retryAfter;

    public RateLimitExceededException(String client, int ratePerSecond, Duration retryAfter) {
        super("API key '" + client + "' may send " + ratePerSecond + " events per second; slow down and retry after "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one, as Retry-After wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
