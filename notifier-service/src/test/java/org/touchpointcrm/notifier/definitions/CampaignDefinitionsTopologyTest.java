package org.touchpointcrm.notifier.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;

/** crm.campaigns is read into every instance's catalogue through the Streams app's global store. */
class CampaignDefinitionsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path stateDir;

    private final CampaignCatalogue catalogue = new CampaignCatalogue();
    private TopologyTestDriver driver;
    private TestInputTopic<String, CampaignDefinition> campaigns;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        CampaignDefinitionsTopology.addTo(builder, TopologyDrivers.SERDES, catalogue);
        driver = TopologyDrivers.start(builder, "crm-notifier-test", stateDir, T0);
        campaigns = TopologyDrivers.input(driver, Topics.CAMPAIGNS);
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void aWrittenCampaignIsInTheCatalogueAndItsNewerVersionReplacesIt() {
        campaigns.pipeInput("welcome-new", campaign("welcome-new", 1, CampaignStatus.DRAFT));
        campaigns.pipeInput("welcome-new", campaign("welcome-new", 2, CampaignStatus.ACTIVE));

        assertThat(catalogue.find("welcome-new")).hasValueSatisfying(c -> {
            assertThat(c.getVersion()).isEqualTo(2);
            assertThat(c.getStatus()).isEqualTo(CampaignStatus.ACTIVE);
            assertThat(c.getTemplates()).singleElement().satisfies(t -> assertThat(t.getTextBody()).contains("firstName"));
        });
        assertThat(driver.<String, CampaignDefinition>getKeyValueStore(ReadCampaignDefinitions.STORE).get("welcome-new")
                .getVersion()).isEqualTo(2);
    }

    @Test
    void anOlderVersionATombstoneAndARecordUnderAnotherKeyChangeNothing() {
        campaigns.pipeInput("welcome-new", campaign("welcome-new", 3, CampaignStatus.ACTIVE));
        campaigns.pipeInput("welcome-new", campaign("welcome-new", 2, CampaignStatus.PAUSED));
        campaigns.pipeInput("welcome-new", (CampaignDefinition) null);
        campaigns.pipeInput("win-back", campaign("welcome-new", 4, CampaignStatus.ENDED));

        assertThat(catalogue.all()).singleElement().satisfies(c -> {
            assertThat(c.getVersion()).isEqualTo(3);
            assertThat(c.getStatus()).isEqualTo(CampaignStatus.ACTIVE);
        });
    }

    static CampaignDefinition campaign(String id, long version, CampaignStatus status) {
        return CampaignDefinition.newBuilder().setId(id).setName("Welcome").setOwner("marketer").setVersion(version)
                .setStatus(status)
                .setTrigger(CampaignTrigger.newBuilder().setSegmentId("new").setChange(SegmentChangeKind.ENTERED).build())
                .setChannels(List.of(Channel.EMAIL)).setConsentPurpose("marketing").setDefaultLanguage("fi")
                .setTemplates(List.of(CampaignTemplate.newBuilder().setChannel(Channel.EMAIL).setLanguage("fi")
                        .setSubject("Tervetuloa").setHtmlBody("<p>Hei</p>").setTextBody("Hei {{profile.master.firstName}}")
                        .build()))
                .setCreatedAt(T0).setChangedAt(T0).build();
    }
}
