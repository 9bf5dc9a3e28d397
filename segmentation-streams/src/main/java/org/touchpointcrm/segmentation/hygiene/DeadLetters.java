package org.touchpointcrm.segmentation.hygiene;

import java.util.Map;

import org.touchpointcrm.platform.deadletters.DeadLetterCounter;
import org.touchpointcrm.schemas.Topics;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Kafka Streams' own dead-letter support (KIP-1034): a record that does not deserialize, or whose
 * processing throws (a {@link RejectedRecordException}), goes with its original key, value and
 * headers to {@link Topics#DLQ_SEGMENTATION}, and processing continues. Streams adds the headers
 * {@code __streams.errors.exception}, {@code .message}, {@code .stacktrace}, {@code .topic},
 * {@code .partition} and {@code .offset}. Each one is counted in {@value DeadLetterCounter#NAME}.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** @param meters where the dead letters are counted */
    public static Map<String, Object> streamsConfig(MeterRegistry meters) {
        return DeadLetterCounter.streamsConfig(Topics.DLQ_SEGMENTATION.name(), meters);
    }
}
