package org.touchpointcrm.segmentation.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TimelineEntry;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.topology.ApplicationTopology;

/** The timeline as the application's topology keeps it: every channel, once per eventId, in the profile's task. */
class TimelineTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        driver = ApplicationTopology.start(stateDir, "timeline-test", T0);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void touchpointsOfEveryChannelAndCampaignOutcomesAreKeptOnceNewestFirst() {
        var pos = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_POS);
        var email = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_EMAIL);
        var purchase = Touchpoints.purchase("c-1", "12.50", T0.minusSeconds(120));
        var sent = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.MESSAGE_SENT, T0.minusSeconds(60))
                .setAttributes(Map.of(CustomerTimelines.CAMPAIGN_ATTRIBUTE, "win-back-lapsing")).build();

        pos.pipeInput("c-1", purchase, T0);
        pos.pipeInput("c-1", Touchpoints.retried(purchase), T0);
        email.pipeInput("c-1", sent, T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "1.00", T0), T0);

        KeyValueStore<String, CustomerTimeline> store = driver.getKeyValueStore(Timeline.STORE);
        assertThat(store.get("c-1").getEntries()).extracting(TimelineEntry::getEventId, TimelineEntry::getCampaignId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(sent.getEventId(), "win-back-lapsing"),
                        org.assertj.core.groups.Tuple.tuple(purchase.getEventId(), null));
        assertThat(store.get("c-2").getEntries()).hasSize(1);
    }
}
