package org.touchpointcrm.platform.deadletters;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts each record Kafka Streams' dead-letter support (KIP-1034) writes, in {@value #NAME} tagged with the
 * dead-letter topic, the topic the record came from and the exception's class. Every tag value comes from the
 * topology or the code, never from the record, so the number of series stays bounded.
 *
 * <p>Streams creates its exception handlers from class names, so the registry cannot be handed to them by a
 * constructor. It travels in the Streams configuration under {@value #METER_REGISTRY_CONFIG}, as Spring Kafka
 * hands objects to its own handlers, and {@link CountingLogAndContinueHandler} takes it in {@code configure(Map)}.
 */
public final class DeadLetterCounter {

    public static final String NAME = "crm.dead.letters";
    /** The Streams configuration entry that holds the {@link MeterRegistry} (an object, not a string). */
    public static final String METER_REGISTRY_CONFIG = "crm.dead-letters.meter-registry";
    /** The source_topic of a record that no input topic gave, e.g. one a punctuator made. */
    static final String NO_SOURCE_TOPIC = "(none)";

    private final MeterRegistry registry;

    DeadLetterCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * The Streams settings that send bad records to {@code deadLetterTopic}, go on, and count each: the handler
     * of this package, for both kinds of error, and the registry it counts in.
     */
    public static Map<String, Object> streamsConfig(String deadLetterTopic, MeterRegistry registry) {
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingLogAndContinueHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingLogAndContinueHandler.class);
        config.put(METER_REGISTRY_CONFIG, registry);
        return config;
    }

    /** The counter a handler's {@code configure(Map)} finds in the Streams configuration. */
    static DeadLetterCounter from(Map<String, ?> configs) {
        Object registry = configs.get(METER_REGISTRY_CONFIG);
        if (!(registry instanceof MeterRegistry meters)) {
            throw new ConfigException(METER_REGISTRY_CONFIG, registry,
                    "the dead-letter handlers count in a Micrometer MeterRegistry, given as an object under this key;"
                            + " build the Streams settings with DeadLetterCounter.streamsConfig(topic, registry)");
        }
        return new DeadLetterCounter(meters);
    }

    /** One count per dead letter the handler's response carries (none when no dead-letter topic is set). */
    void count(ErrorHandlerContext context, List<ProducerRecord<byte[], byte[]>> deadLetters, Exception exception) {
        String sourceTopic = context.topic() == null ? NO_SOURCE_TOPIC : context.topic();
        for (ProducerRecord<byte[], byte[]> deadLetter : deadLetters) {
            Counter.builder(NAME)
                    .description("Records sent to a dead-letter topic, by where they came from and why")
                    .tag("topic", deadLetter.topic())
                    .tag("source_topic", sourceTopic)
                    .tag("error", errorName(exception))
                    .register(registry)
                    .increment();
        }
    }

    private static String errorName(Exception exception) {
        String simple = exception.getClass().getSimpleName();
        return simple.isEmpty() ? exception.getClass().getName() : simple;
    }
}
