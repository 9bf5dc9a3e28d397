package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyDescription.Node;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDiagrams;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * segmentation-streams' whole Streams app, built through its one entry point ({@link SegmentationTopology#build}) as
 * the application builds it, and its picture in docs/topology/segmentation-streams.md.
 */
class SegmentationWholeTopologyTest {

    static final Path DIAGRAM = Path.of("..", "docs", "topology", "segmentation-streams.md");
    static final String REGENERATE = "./mvnw -q -pl segmentation-streams -am verify -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtest=SegmentationWholeTopologyTest -Dtopology.diagrams=write";

    private static TopologyDescription production() {
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new SimpleMeterRegistry()).build(builder);
        return TopologyDiagrams.describe(builder);
    }

    @Test
    void theEntryPointComposesDefinitionsProfilesSegmentsAndStatistics() {
        TopologyDescription description = production();

        assertThat(TopologyDiagrams.nodes(description).map(Node::name))
                .contains("read-segment-definitions", "read-touchpoints", "update-profile", "count-segment-changes");
        assertThat(description.globalStores()).hasSize(1);
    }

    @Test
    void everyNodeIsNamedForWhatItDoes() {
        assertThat(TopologyDiagrams.unnamedNodes(production())).isEmpty();
    }

    @Test
    void everyTopicItReadsOrWritesIsInTheCatalogueOrItsOwnRepartitionTopic() {
        TopologyDescription description = production();

        assertThat(TopologyDiagrams.uncatalogued(description)).as("catalogued").isEmpty();
        assertThat(TopologyDiagrams.topics(description)).contains(Topics.TOUCHPOINTS_POS.name(), Topics.CUSTOMER_PROFILES.name(), Topics.SEGMENT_CHANGES.name());
    }

    @Test
    void theDiagramInDocsIsTheTopologyTheCodeBuilds() {
        String drawn = TopologyDiagrams.page("segmentation-streams", REGENERATE, production());

        assertThat(TopologyDiagrams.committedOrWritten(DIAGRAM, drawn))
                .as("docs/topology/segmentation-streams.md is out of date; regenerate it with: " + REGENERATE)
                .isEqualTo(drawn);
    }
}
