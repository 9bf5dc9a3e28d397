package org.touchpointcrm.notifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyDescription.Node;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.notifier.casereplies.CaseReplyProperties;
import org.touchpointcrm.notifier.campaigns.Campaigns;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.results.ResultsProperties;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDiagrams;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The notifier's whole Streams app, built through its one entry point ({@link NotifierTopology#build}) as the
 * application builds it, and its picture in docs/topology/notifier-service.md.
 */
class NotifierWholeTopologyTest {

    static final Path DIAGRAM = Path.of("..", "docs", "topology", "notifier-service.md");
    static final String REGENERATE = "./mvnw -q -pl notifier-service -am verify -Dsurefire.failIfNoSpecifiedTests=false"
            + " -Dtest=NotifierWholeTopologyTest -Dtopology.diagrams=write";

    private static TopologyDescription production() {
        var builder = new StreamsBuilder();
        new NotifierTopology(TopologyDrivers.SERDES, new CampaignCatalogue(), new ProfileRuleCompiler(), Campaigns.DEFAULTS,
                new ResultsProperties(Duration.ofDays(7)), CaseReplyProperties.DEFAULTS, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
                new SimpleMeterRegistry()).build(builder);
        return TopologyDiagrams.describe(builder);
    }

    @Test
    void theEntryPointComposesTheCatalogueTheDecisionsAndTheResults() {
        TopologyDescription description = production();

        assertThat(TopologyDiagrams.nodes(description).map(Node::name))
                .contains("read-campaigns", "decide-on-change", "remember-profile", "results-add-to-tally");
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
        assertThat(TopologyDiagrams.topics(description)).contains(Topics.SEGMENT_CHANGES.name(), Topics.CAMPAIGN_MESSAGES.name(), Topics.CAMPAIGNS.name());
    }

    @Test
    void theDiagramInDocsIsTheTopologyTheCodeBuilds() {
        String drawn = TopologyDiagrams.page("notifier-service", REGENERATE, production());

        assertThat(TopologyDiagrams.committedOrWritten(DIAGRAM, drawn))
                .as("docs/topology/notifier-service.md is out of date; regenerate it with: " + REGENERATE)
                .isEqualTo(drawn);
    }
}
