package org.touchpointcrm.ingest.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.schemas.Topics;

class TouchpointPublisherTest {

    private static final IngestProperties LIMITS =
            new IngestProperties(Duration.ofMillis(200), Duration.ofMinutes(5), Duration.ofDays(365), "FI");

    private final TouchpointValidator validator =
            new TouchpointValidator(Clock.fixed(TouchpointRequests.NOW, ZoneOffset.UTC), LIMITS);

    @Test
    void purchaseGoesToThePosTopicKeyedByTheCustomersId() {
        var broker = new MockProducer<String, SpecificRecord>(true, null, new StringSerializer(), (t, r) -> new byte[0]);

        publisherOver(broker).publish(validator.validate(TouchpointRequests.purchase().build(), "pos-gateway"));

        assertThat(broker.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.TOUCHPOINTS_POS.name());
            assertThat(record.key()).isEqualTo("c-9001");
        });
    }

    @Test
    void unacknowledgedTouchpointAsksTheSenderToRetryWithTheSameEventId() {
        var broker = new MockProducer<String, SpecificRecord>(false, null, new StringSerializer(), (t, r) -> new byte[0]);

        BrokerUnavailableException e = catchThrowableOfType(BrokerUnavailableException.class, () -> publisherOver(broker)
                .publish(validator.validate(TouchpointRequests.purchase().build(), "pos-gateway")));

        assertThat(e.getMessage()).contains("event pos-tampere-000123");
        assertThat(e.retryAdvice()).isEqualTo("keep the event and retry it with the same eventId");
    }

    private static TouchpointPublisher publisherOver(MockProducer<String, SpecificRecord> broker) {
        return new TouchpointPublisher(new AcknowledgedPublisher(
                new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)), LIMITS), LIMITS);
    }
}
