package org.touchpointcrm.platform.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpClosedException;

/** A valid record that meets a registry or broker not answering is retried, never dead-lettered. */
class TransientFailureTest {

    /** What Apicurio's serde threw in a test run when the registry closed its connection mid-request. */
    private static final Exception REGISTRY_CONNECTION_CLOSED = new StreamsException("Unable to serialize record",
            new RuntimeException(new RuntimeException(new ExecutionException(new HttpClosedException("Connection was closed")))));

    @Test
    void theRegistryOrBrokerNotAnsweringIsTransientABadRecordIsNot() {
        assertThat(TransientFailure.is(REGISTRY_CONNECTION_CLOSED)).isTrue();
        assertThat(TransientFailure.is(new RuntimeException(new ConnectException("Connection refused")))).isTrue();
        assertThat(TransientFailure.is(new StreamsException(new TimeoutException("no ack")))).isTrue();

        assertThat(TransientFailure.is(new RuntimeException(new SocketTimeoutException("Read timed out")))).isTrue();

        assertThat(TransientFailure.is(new SerializationException("Unknown magic byte!"))).isFalse();
        assertThat(TransientFailure.is(new SerializationException("Error deserializing Avro message", new EOFException())))
                .as("truncated Avro bytes are a bad record, not the registry away").isFalse();
        assertThat(TransientFailure.is(new IllegalStateException("artifact reference cannot be null"))).isFalse();
        assertThat(TransientFailure.is(new IllegalArgumentException("touchpoint e-1 rejected: amount is required"))).isFalse();
    }

    @Test
    void theHandlerFailsTheThreadOnATransientFailureAndWritesNoDeadLetter() {
        var registry = new SimpleMeterRegistry();
        var handler = new CountingLogAndContinueHandler();
        handler.configure(DeadLetterCounter.streamsConfig("crm.dlq.test", registry));

        ProcessingExceptionHandler.Response processing = handler.handleError(null, new Record<>("c-1", "profile", 0L), REGISTRY_CONNECTION_CLOSED);
        DeserializationExceptionHandler.Response deserialization = handler.handleError(null,
                new ConsumerRecord<>("crm.touchpoints.pos", 0, 0L, new byte[0], new byte[0]), REGISTRY_CONNECTION_CLOSED);

        assertThat(processing.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(processing.deadLetterQueueRecords()).isEmpty();
        assertThat(deserialization.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(deserialization.deadLetterQueueRecords()).isEmpty();
        assertThat(registry.find(DeadLetterCounter.NAME).counters()).isEmpty();
    }

    @Test
    void aThreadThatFailedTransientlyIsReplacedAnyOtherFailureStopsTheApp() {
        assertThat(TransientFailure.afterStreamThreadFailed(REGISTRY_CONNECTION_CLOSED))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(TransientFailure.afterStreamThreadFailed(new NullPointerException()))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }
}
