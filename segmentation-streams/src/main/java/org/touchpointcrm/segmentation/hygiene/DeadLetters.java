package org.touchpointcrm.segmentation.hygiene;

import java.util.Map;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.touchpointcrm.schemas.Topics;

/**
 * Kafka Streams' own dead-letter support (KIP-1034): a record that does not deserialize, or whose
 * processing throws (a {@link RejectedRecordException}), goes with its original key, value and
 * headers to {@link Topics#DLQ_SEGMENTATION}, and processing continues. Streams adds the headers
 * {@code __streams.errors.exception}, {@code .message}, {@code .stacktrace}, {@code .topic},
 * {@code .partition} and {@code .offset}.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static Map<String, Object> streamsConfig() {
        return Map.of(
                StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ_SEGMENTATION.name(),
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class,
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueProcessingExceptionHandler.class);
    }
}
