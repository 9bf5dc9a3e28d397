package org.touchpointcrm.segmentation.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.topology.ApplicationTopology;

/** The members store as the application's topology keeps it from its own segment changes. */
class SegmentMembershipTopologyTest {

    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;

    @BeforeEach
    void start() {
        driver = ApplicationTopology.start(stateDir, "members-test", T0);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aCustomerIsAMemberFromEnteringUntilLeaving() {
        var pos = TopologyDrivers.input(driver, Topics.TOUCHPOINTS_POS);

        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0), T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "10.00", T0), T0);
        assertThat(members("one-time")).containsExactly("c-1", "c-2");

        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThat(members("one-time")).containsExactly("c-2");
        assertThat(members("repeat")).containsExactly("c-1");
        KeyValueStore<String, Long> store = driver.getKeyValueStore(SegmentMembership.STORE);
        assertThat(store.get(SegmentMembership.key("one-time", "c-2"))).isEqualTo(T0.toEpochMilli());
    }

    private List<String> members(String segmentId) {
        KeyValueStore<String, Long> store = driver.getKeyValueStore(SegmentMembership.STORE);
        String prefix = SegmentMembership.prefix(segmentId);
        List<String> ids = new ArrayList<>();
        try (var range = store.prefixScan(prefix, new org.apache.kafka.common.serialization.StringSerializer())) {
            range.forEachRemaining(entry -> ids.add(entry.key.substring(prefix.length())));
        }
        return ids;
    }
}
