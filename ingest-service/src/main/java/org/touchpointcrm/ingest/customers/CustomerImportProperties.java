package org.touchpointcrm.ingest.customers;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * Settings of {@code POST /v1/customers:import}, under {@code crm.ingest.customer-import}.
 *
 * @param maxInFlight          rows sent to Kafka and not yet acknowledged, at most; bounds the memory an
 *                             import takes whatever the file's size
 * @param progressEvery        a progress line is written after every this many rows
 * @param maxListedRejections  rows listed in the summary for each kind of problem; all are counted
 * @param drainTimeout         how long the import waits for the last acknowledgements, or for a free
 *                             slot while {@code maxInFlight} rows are in flight
 */
@Validated
@ConfigurationProperties("crm.ingest.customer-import")
public record CustomerImportProperties(@Positive int maxInFlight, @Positive int progressEvery,
                                       @Positive int maxListedRejections, @NotNull Duration drainTimeout) {
}
