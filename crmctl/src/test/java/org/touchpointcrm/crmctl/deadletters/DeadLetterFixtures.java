package org.touchpointcrm.crmctl.deadletters;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.apache.kafka.streams.processor.TaskId;
import org.touchpointcrm.schemas.Topics;

/**
 * Dead letters exactly as Kafka Streams writes them: built by Streams' own
 * {@link ExceptionHandlerUtils#buildDeadLetterQueueRecord}, which the KIP-1034 handlers call.
 */
final class DeadLetterFixtures {

    /** An original header that every fixture record carries, to see that replays keep it. */
    static final String TRACE_HEADER = "traceparent";

    private DeadLetterFixtures() {
    }

    /** Where Streams was when the record failed, as its error handlers are told. */
    record Failure(String topic, int partition, long offset, Headers headers, long timestamp) implements ErrorHandlerContext {
        @Override
        public String processorNodeId() {
            return "validate-touchpoints";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }

        @Override
        public byte[] sourceRawValue() {
            return null;
        }
    }

    /** A dead letter on crm.dlq.segmentation of a record read from {@code source} at partition/offset; its id there. */
    static DeadLetterId write(Producer<byte[], byte[]> producer, String source, int partition, long offset, String key,
                              byte[] value, Exception error, Instant timestamp) throws Exception {
        Headers original = new RecordHeaders().add(TRACE_HEADER, ("trace-" + key + "-" + offset).getBytes(StandardCharsets.UTF_8));
        ProducerRecord<byte[], byte[]> deadLetter = ExceptionHandlerUtils.buildDeadLetterQueueRecord(
                Topics.DLQ_SEGMENTATION.name(), key.getBytes(StandardCharsets.UTF_8), value,
                new Failure(source, partition, offset, original, timestamp.toEpochMilli()), error);
        RecordMetadata written = producer.send(deadLetter).get();
        return new DeadLetterId(written.partition(), written.offset());
    }

    /** A touchpoint that InputRules rejected, with a message of two lines. */
    static RejectedRecordException rejected(String eventId) {
        try {
            throw new RejectedRecordException("touchpoint " + eventId + " rejected: occurredAt lies more than 1 h in the future: "
                    + "check the sender's clock and time zone\nsecond line of the message");
        } catch (RejectedRecordException e) {
            return e;
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
