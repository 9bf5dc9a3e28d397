package org.touchpointcrm.notifier.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

/**
 * How much the delivery does at once (docs/campaigns.md, Delivery).
 *
 * @param smtpConnections open connections to the SMTP relay, reused from message to message
 * @param email           the SMTP relay's limits
 * @param sms             the SMS gateway's limits
 */
@Validated
@ConfigurationProperties("crm.notifier.delivery.throughput")
public record ThroughputProperties(@Min(1) @DefaultValue("8") int smtpConnections,
        @Valid @DefaultValue({"2000", "64"}) Provider email, @Valid @DefaultValue({"50", "16"}) Provider sms) {

    /**
     * @param perSecond the provider's rate limit: never more messages than this handed over within any second
     * @param inFlight  hand-overs to this provider at once; a slow provider holds only its own
     */
    public record Provider(@Min(1) int perSecond, @Min(1) int inFlight) {
    }
}
