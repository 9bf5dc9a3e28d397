package org.touchpointcrm.ingest.publishing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.schemas.Topic;

/**
 * The one way ingest-service writes to Kafka. The platform's producer runs with acks=all and
 * idempotence, so a completed send means every in-sync replica has the record: only then may the
 * service answer 2xx.
 */
@Component
public class AcknowledgedPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final IngestProperties properties;

    public AcknowledgedPublisher(KafkaTemplate<String, SpecificRecord> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    /**
     * Sends without waiting; the future completes when the broker has acknowledged the record, or
     * fails (within the producer's {@code delivery.timeout.ms}). Bulk callers bound what they keep in flight.
     */
    public <V extends SpecificRecord> CompletableFuture<Stored> send(Topic<String, V> topic, String key, V value) {
        try {
            return kafka.send(topic.name(), key, value).thenApply(result -> new Stored(topic.name(),
                    result.getRecordMetadata().partition(), result.getRecordMetadata().offset()));
        } catch (RuntimeException e) {
            // The producer throws instead of failing the future when it cannot even queue the record
            // (no metadata within max.block.ms, serializer or registry failure): one path for callers.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Sends and waits for the acknowledgement, at most {@code crm.ingest.ack-timeout}.
     *
     * @param what        names the record for the sender, e.g. "event pos-1"
     * @param retryAdvice what the sender should do if it was not stored
     * @throws BrokerUnavailableException if it was not acknowledged in time or was refused
     */
    public <V extends SpecificRecord> Stored publish(Topic<String, V> topic, String key, V value, String what,
                                                     String retryAdvice) {
        try {
            return send(topic, key, value).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("the broker did not acknowledge " + what + " within "
                    + properties.ackTimeout(), retryAdvice, e);
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException("the broker refused " + what + ": " + reasonOf(e),
                    retryAdvice, rootOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for the broker to store " + what,
                    retryAdvice, e);
        }
    }

    /**
     * The producer's own exception: futures wrap it in a CompletionException, spring-kafka in one
     * that only says "Failed to send".
     */
    public static Throwable rootOf(Throwable failure) {
        Throwable at = failure;
        while ((at instanceof CompletionException || at instanceof ExecutionException
                || at instanceof KafkaProducerException) && at.getCause() != null) {
            at = at.getCause();
        }
        return at;
    }

    /** Why a record was not stored, in words for the sender. */
    public static String reasonOf(Throwable failure) {
        Throwable root = rootOf(failure);
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Where a record now lives. */
    public record Stored(String topic, int partition, long offset) {
    }
}
