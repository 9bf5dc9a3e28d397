package org.touchpointcrm.notifier.delivery;

import java.util.function.Supplier;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a consent check or a hand-over again while it fails transiently ({@link DeliveryFailure#isTransient()}),
 * with exponential backoff and full jitter, at most {@code crm.notifier.delivery.retry.max-attempts} times.
 */
@Component
public class DeliveryRetries {

    private final RetryTemplate template;

    public DeliveryRetries(DeliveryProperties properties) {
        this.template = new RetryTemplate(RetryPolicy.builder()
                .backOff(new FullJitterBackOff(properties.retry()))
                .predicate(failure -> failure instanceof DeliveryFailure f && f.isTransient())
                .build());
    }

    /**
     * @return what {@code action} answered at its first success
     * @throws DeliveryFailure its last failure: a permanent one, or a transient one with the attempts used up
     */
    public <T> T attempt(Supplier<T> action) {
        try {
            return template.execute(action::get);
        } catch (RetryException e) {
            if (e.getCause() instanceof DeliveryFailure failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException other) {
                throw other;
            }
            throw new IllegalStateException(e.getMessage(), e.getCause());
        }
    }
}
