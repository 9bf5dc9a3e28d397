package org.touchpointcrm.notifier.campaigns;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The campaigns the notifier runs, under {@code crm.notifier.campaigns}. */
@Validated
@ConfigurationProperties("crm.notifier")
public record CampaignProperties(@NotNull List<@Valid Campaign> campaigns) {
}
