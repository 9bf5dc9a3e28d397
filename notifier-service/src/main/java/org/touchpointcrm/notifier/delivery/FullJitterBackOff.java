package org.touchpointcrm.notifier.delivery;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): each wait
 * is random between 0 and the exponential ceiling, so that many senders failing at once do not retry in step.
 * Spring's own jitter spreads around the ceiling instead.
 */
final class FullJitterBackOff implements BackOff {

    private final DeliveryProperties.Retry retry;

    FullJitterBackOff(DeliveryProperties.Retry retry) {
        this.retry = retry;
    }

    @Override
    public BackOffExecution start() {
        return new BackOffExecution() {
            private int retries;

            @Override
            public long nextBackOff() {
                if (retries + 1 >= retry.maxAttempts()) {
                    return STOP;
                }
                long ceiling = ceiling(retries++);
                return ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
            }
        };
    }

    /** The longest wait before retry number {@code retries + 1}. */
    long ceiling(int retries) {
        long initial = retry.initialDelay().toMillis();
        long max = retry.maxDelay().toMillis();
        return retries >= 62 || initial << retries < 0 ? max : Math.min(max, initial << retries);
    }
}
