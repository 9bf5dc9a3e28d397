package org.touchpointcrm.platform.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * How the readiness check of a producing service asks the broker, under {@code crm.health}.
 *
 * @param brokerTimeout  how long one describe-cluster may take before the broker counts as unreachable; keep it
 *                       below the readiness probe's own timeout, or the probe fails on time rather than on an answer
 * @param brokerCacheFor how long an answer is reused; probes within it do not reach the broker
 */
@Validated
@ConfigurationProperties("crm.health")
public record CrmHealthProperties(@DefaultValue("1s") @NotNull Duration brokerTimeout,
                                  @DefaultValue("5s") @NotNull Duration brokerCacheFor) {
}
