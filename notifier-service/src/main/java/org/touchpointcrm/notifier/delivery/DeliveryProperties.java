package org.touchpointcrm.notifier.delivery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param sender        the From address of campaign e-mail
 * @param messageIdHost the right-hand side of every Message-ID, e.g. the sending domain
 * @param retry         how transient failures are retried
 * @param ledgerTimeout how long the delivery ledger may take to be read at start, and a ledger write to be acknowledged
 */
@Validated
@ConfigurationProperties("crm.notifier.delivery")
public record DeliveryProperties(@NotBlank String sender, @NotBlank String messageIdHost,
        @Valid @DefaultValue Retry retry, @NotNull @DefaultValue("30s") Duration ledgerTimeout) {

    /**
     * Exponential backoff with full jitter: before attempt n+1 a random wait between 0 and
     * min(maxDelay, initialDelay * 2^(n-1)).
     *
     * @param maxAttempts  attempts in all, the first included
     */
    public record Retry(@Min(1) @DefaultValue("5") int maxAttempts, @NotNull @DefaultValue("200ms") Duration initialDelay,
            @NotNull @DefaultValue("10s") Duration maxDelay) {
    }
}
