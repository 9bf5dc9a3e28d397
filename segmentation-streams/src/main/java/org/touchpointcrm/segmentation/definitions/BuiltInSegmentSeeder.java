package org.touchpointcrm.segmentation.definitions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.segments.Segment;
import org.touchpointcrm.segmentation.segments.SegmentDefinitionRecords;
import org.touchpointcrm.segmentation.segments.SegmentsConfiguration;

/**
 * Before Kafka Streams starts, writes the built-in segments ({@link SegmentsConfiguration#builtIn}) to
 * crm.segment-definitions where they are missing: all of them at first start, and at later starts
 * those a new release added, or changed while nobody had edited them (owner still built-in, older
 * version). A built-in a marketer changed or retired is left as it is. Two instances starting at
 * once may both write a missing one; the copies are the same version and either may win.
 */
@Component
class BuiltInSegmentSeeder implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BuiltInSegmentSeeder.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final ConsumerFactory<?, ?> consumers;
    private final CrmSerdes serdes;
    private final DefinitionPublisher publisher;
    private final ProfileRuleCompiler compiler;
    private final Clock clock;
    private final int streamsPhase;
    private volatile boolean running;

    BuiltInSegmentSeeder(ConsumerFactory<?, ?> consumers, CrmSerdes serdes, DefinitionPublisher publisher,
                         ProfileRuleCompiler compiler, Clock clock, StreamsBuilderFactoryBean streams) {
        this.streamsPhase = streams.getPhase();
        this.consumers = consumers;
        this.serdes = serdes;
        this.publisher = publisher;
        this.compiler = compiler;
        this.clock = clock;
    }

    @Override
    public void start() {
        Map<String, SegmentDefinition> stored = readAll();
        Instant now = clock.instant();
        int written = 0;
        for (Segment segment : SegmentsConfiguration.builtIn(compiler)) {
            SegmentDefinition known = stored.get(segment.id());
            boolean untouched = known != null && SegmentDefinitionRecords.BUILT_IN_OWNER.equals(known.getOwner());
            if (known == null || (untouched && known.getVersion() < segment.version())) {
                // Streams is not running yet: the definition is read back when it starts.
                publisher.publish(SegmentDefinitionRecords.active(segment, now), Duration.ZERO);
                written++;
            }
        }
        log.info("Built-in segments: {} written to {}, {} already there", written, Topics.SEGMENT_DEFINITIONS.name(),
                stored.size());
        running = true;
    }

    /** The newest definition per id, read from the beginning to the current end of every partition. */
    private Map<String, SegmentDefinition> readAll() {
        Map<String, Object> config = new HashMap<>(consumers.getConfigurationProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, SegmentDefinition> stored = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(config, serdes.key(Topics.SEGMENT_DEFINITIONS).deserializer(),
                serdes.value(Topics.SEGMENT_DEFINITIONS).deserializer())) {
            readTo(consumer, stored);
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not read " + Topics.SEGMENT_DEFINITIONS.name() + " within "
                    + READ_TIMEOUT + " to find the segments it lacks; check that the broker at "
                    + config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + " is reachable", e);
        }
        return stored;
    }

    private void readTo(KafkaConsumer<String, SegmentDefinition> consumer, Map<String, SegmentDefinition> stored) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEGMENT_DEFINITIONS.name(), READ_TIMEOUT)
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
        Instant deadline = clock.instant().plus(READ_TIMEOUT);
        while (partitions.stream().anyMatch(p -> consumer.position(p, READ_TIMEOUT) < ends.get(p))) {
            if (clock.instant().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + Topics.SEGMENT_DEFINITIONS.name()
                        + " to its end within " + READ_TIMEOUT + "; check that the broker is reachable");
            }
            for (ConsumerRecord<String, SegmentDefinition> record : consumer.poll(Duration.ofMillis(500))) {
                if (record.value() == null) {
                    stored.remove(record.key());
                } else {
                    stored.put(record.key(), record.value());
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before Kafka Streams, so the first start already has the built-ins to read. */
    @Override
    public int getPhase() {
        return streamsPhase - 1;
    }
}
