package org.touchpointcrm.ingest.touchpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.IngestProperties;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * Writes an accepted touchpoint to its channel's topic and returns only once the broker has
 * acknowledged it on all in-sync replicas, so that a 202 always means "stored".
 */
@Component
public class TouchpointPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final IngestProperties properties;

    public TouchpointPublisher(KafkaTemplate<String, SpecificRecord> kafka, IngestProperties properties) {
        this.kafka = kafka;
        this.properties = properties;
    }

    public Stored publish(TouchpointEvent event) {
        return publishAll(List.of(event)).getFirst();
    }

    /**
     * Sends all events at once and waits, within one ack timeout, until the broker has every one.
     * If any is missing the whole call fails: the sender retries with the same eventIds, and the
     * ones already stored are counted once downstream.
     */
    public List<Stored> publishAll(List<TouchpointEvent> events) {
        var sends = new ArrayList<CompletableFuture<SendResult<String, SpecificRecord>>>(events.size());
        for (TouchpointEvent event : events) {
            Topic<String, TouchpointEvent> topic = Topics.touchpoints(event.getChannel());
            try {
                sends.add(kafka.send(topic.name(), CustomerReference.of(event.getCustomer()), event));
            } catch (KafkaException e) {
                // No metadata within max.block.ms: the broker is unreachable, and send() says so at once.
                throw new BrokerUnavailableException("Kafka cannot take event " + event.getEventId() + " now ("
                        + e.getMostSpecificCause().getMessage() + ")", e);
            }
        }
        long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
        var stored = new ArrayList<Stored>(events.size());
        for (int i = 0; i < sends.size(); i++) {
            String eventId = events.get(i).getEventId();
            try {
                var metadata = sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS).getRecordMetadata();
                stored.add(new Stored(metadata.topic(), metadata.partition(), metadata.offset()));
            } catch (TimeoutException e) {
                throw new BrokerUnavailableException("the broker did not acknowledge event " + eventId
                        + " within " + properties.ackTimeout(), e);
            } catch (ExecutionException e) {
                throw new BrokerUnavailableException("the broker refused event " + eventId + ": "
                        + e.getCause().getMessage(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for the broker", e);
            }
        }
        return stored;
    }

    /** Where the event now lives. */
    public record Stored(String topic, int partition, long offset) {
    }
}
