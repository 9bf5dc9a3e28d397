package org.touchpointcrm.segmentation.topology;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The topology the application builds, with its defaults and built-in segments, in a test driver at a fixed time. */
public final class ApplicationTopology {

    private ApplicationTopology() {
    }

    public static TopologyTestDriver start(Path stateDir, String applicationId, Instant now) {
        var meters = new SimpleMeterRegistry();
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
                Clock.fixed(now, ZoneOffset.UTC), meters).build(builder);
        return TopologyDrivers.start(builder, applicationId, stateDir, now, DeadLetters.streamsConfig(meters));
    }
}
