package org.touchpointcrm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;
import org.touchpointcrm.schemas.CustomerReference;

import tools.jackson.databind.json.JsonMapper;

/**
 * The benchmark compares ingest-service with a raw producer writing "the same records": this holds
 * only if ingest-service makes of each JSON body exactly the event the raw producer writes. No
 * timing here; speed is measured by {@link IngestBenchmark} alone.
 */
class BenchmarkTouchpointsTest {

    private static final int EVENTS = 20_000;

    private final TouchpointValidator ingest = new TouchpointValidator(Clock.systemUTC(),
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));
    private final JsonMapper json = JsonMapper.builder().build();
    private final BenchmarkTouchpoints touchpoints = new BenchmarkTouchpoints(3000, 42);

    @Test
    void ingestMakesOfEveryBodyTheEventTheRawProducerWrites() {
        Instant now = Instant.now();
        for (int i = 0; i < EVENTS; i++) {
            var touchpoint = touchpoints.touchpoint("test", i, now);
            TouchpointEvent ingested = ingest.validate(json.readValue(touchpoint.json(), TouchpointRequest.class),
                    BenchmarkTouchpoints.SOURCE);
            ingested.setReceivedAt(null); // stamped at acceptance, by both paths
            assertThat(ingested).as(touchpoint.json()).isEqualTo(touchpoint.event());
        }
    }

    @Test
    void eventsAreAPureFunctionOfTheIndexWithUniqueIdsPerPhase() {
        Instant now = Instant.now();
        var a = touchpoints.touchpoint("raw", 123, now).event();
        var b = new BenchmarkTouchpoints(3000, 42).touchpoint("batched", 123, now).event();
        assertThat(a.getEventId()).isEqualTo("raw-123");
        assertThat(b.getEventId()).isEqualTo("batched-123");
        b.setEventId(a.getEventId());
        assertThat(b).isEqualTo(a);
    }

    @Test
    void theMixCoversEveryChannelAndThousandsOfCustomers() {
        Instant now = Instant.now();
        Map<Channel, Integer> channels = new HashMap<>();
        var keys = new HashSet<String>();
        for (int i = 0; i < EVENTS; i++) {
            var event = touchpoints.touchpoint("mix", i, now).event();
            channels.merge(event.getChannel(), 1, Integer::sum);
            keys.add(CustomerReference.of(event.getCustomer()));
        }
        assertThat(channels).containsOnlyKeys(Channel.EMAIL, Channel.SMS, Channel.WEB, Channel.POS);
        assertThat(channels.get(Channel.POS)).isGreaterThan(EVENTS / 5);
        assertThat(keys).hasSizeGreaterThan(2000);
    }
}
