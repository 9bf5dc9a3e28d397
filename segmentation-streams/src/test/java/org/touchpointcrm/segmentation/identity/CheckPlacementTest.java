package org.touchpointcrm.segmentation.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class CheckPlacementTest {

    @Test
    void placesAKeyWhereTheProducersDefaultPartitionerPutsIt() {
        for (String key : new String[] {"c-1", "c-9001", "email:aino.virtanen@example.fi", "phone:+358401234567", "Ääkkönen"}) {
            assertThat(CheckPlacement.partitionOf(key, 12))
                    .isEqualTo(BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 12));
        }
    }
}
