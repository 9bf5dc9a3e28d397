package org.touchpointcrm.notifier.results;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * @param attributionWindow how long after a customer's decision a purchase counts as a conversion of
 *                          the campaign, for the treated and the control group alike (ISO-8601, e.g. P7D)
 */
@Validated
@ConfigurationProperties("crm.notifier.results")
public record ResultsProperties(@NotNull @DefaultValue("P7D") Duration attributionWindow) {
}
