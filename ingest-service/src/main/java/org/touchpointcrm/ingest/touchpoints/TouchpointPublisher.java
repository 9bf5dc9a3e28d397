package org.touchpointcrm.ingest.touchpoints;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
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
        Topic<String, TouchpointEvent> topic = Topics.touchpoints(event.getChannel());
        String key = CustomerReference.of(event.getCustomer());
        try {
            SendResult<String, SpecificRecord> result = kafka.send(topic.name(), key, event)
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Stored(topic.name(), result.getRecordMetadata().partition(), result.getRecordMetadata().offset());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("the broker did not acknowledge event " + event.getEventId()
                    + " within " + properties.ackTimeout(), e);
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException("the broker refused event " + event.getEventId() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("interrupted while waiting for the broker", e);
        }
    }

    /** Where the event now lives. */
    public record Stored(String topic, int partition, long offset) {
    }
}
