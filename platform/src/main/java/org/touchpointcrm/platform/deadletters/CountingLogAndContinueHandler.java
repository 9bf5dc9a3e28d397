package org.touchpointcrm.platform.deadletters;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Kafka Streams' own log-and-continue, for records that do not deserialize and for records whose processing
 * throws, with each dead letter it writes counted ({@link DeadLetterCounter}). Kafka's handlers decide and build
 * the dead letters; this class only counts what they answer, so both kinds share one counter and one class.
 * A {@link TransientFailure} (the registry or broker not answering) is no fault of the record: it fails the
 * thread instead, which is replaced, and the record is processed again rather than dead-lettered.
 */
public class CountingLogAndContinueHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {

    private final LogAndContinueExceptionHandler deserialization = new LogAndContinueExceptionHandler();
    private final LogAndContinueProcessingExceptionHandler processing = new LogAndContinueProcessingExceptionHandler();
    private DeadLetterCounter counter;

    @Override
    public void configure(Map<String, ?> configs) {
        deserialization.configure(configs);
        processing.configure(configs);
        counter = DeadLetterCounter.from(configs);
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
                                                                ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (TransientFailure.is(exception)) {
            return DeserializationExceptionHandler.Response.fail();
        }
        DeserializationExceptionHandler.Response response = deserialization.handleError(context, record, exception);
        counter.count(context, response.deadLetterQueueRecords(), exception);
        return response;
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
                                                           Exception exception) {
        if (TransientFailure.is(exception)) {
            return ProcessingExceptionHandler.Response.fail();
        }
        ProcessingExceptionHandler.Response response = processing.handleError(context, record, exception);
        counter.count(context, response.deadLetterQueueRecords(), exception);
        return response;
    }
}
