package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.ingest.touchpoints.IngestMetrics;
import org.touchpointcrm.notifier.campaigns.DecisionMeters;
import org.touchpointcrm.notifier.delivery.DeliveryMeters;
import org.touchpointcrm.platform.deadletters.DeadLetterCounter;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.stats.SegmentMembers;

/** The operations guide's metrics table, which the end-to-end test holds the endpoints to. */
class DocumentedMetricsTest {

    @TempDir
    Path directory;

    @Test
    void theGuideListsEveryMeterOfTheProjectUnderItsPrometheusNameAndService() throws Exception {
        var documented = DocumentedMetrics.read(Path.of(System.getProperty("crm.operations.guide", "../docs/operations.md")));

        assertThat(documented.seriesByService().get("ingest-service"))
                .contains(prometheus(IngestMetrics.ACCEPTED) + "_total", prometheus(IngestMetrics.REJECTED) + "_total")
                .anyMatch(name -> name.startsWith("kafka_producer_"));
        assertThat(documented.seriesByService().get("segmentation-streams"))
                .contains(prometheus(DeadLetterCounter.NAME) + "_total", prometheus(SegmentChangeMeters.CHANGES) + "_total",
                        prometheus(SegmentChangeMeters.LATENCY) + "_seconds_bucket", prometheus(SegmentMembers.NAME),
                        "kafka_consumer_fetch_manager_records_lag_max")
                .anyMatch(name -> name.startsWith("kafka_stream_"));
        assertThat(documented.seriesByService().get("notifier-service"))
                .contains(prometheus(DecisionMeters.NAME) + "_total", prometheus(DeliveryMeters.NAME) + "_total");
    }

    @Test
    void aRowNamingAServiceThatDoesNotExistIsAnErrorNotSkipped() throws Exception {
        Path guide = Files.writeString(directory.resolve("operations.md"), """
                ## Metrics

                | series | type | tags | service | meaning |
                |---|---|---|---|---|
                | `crm_x_total` | counter | | ingest-service, segmentation-streams, notifier-service | x |
                | `crm_y_total` | counter | | notifier | y |
                """);

        assertThatThrownBy(() -> DocumentedMetrics.read(guide)).hasMessageContaining("'notifier'");
    }

    private static String prometheus(String micrometerName) {
        return micrometerName.replace('.', '_');
    }
}
