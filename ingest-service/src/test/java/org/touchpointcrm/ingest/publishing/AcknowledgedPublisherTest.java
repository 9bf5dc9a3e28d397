package org.touchpointcrm.ingest.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.schemas.Topics;

/** The rule behind every 2xx of ingest-service: answered only after the broker's acknowledgement. */
class AcknowledgedPublisherTest {

    private static final Duration ACK_TIMEOUT = Duration.ofMillis(200);
    private static final CustomerRecord AINO = CustomerRecord.newBuilder().setCustomerId("c-9001")
            .setLastName("Virtanen").setUpdatedAt(Instant.parse("2026-11-23T10:15:30Z")).build();

    /** Acknowledges only when the test says so. */
    private final MockProducer<String, SpecificRecord> broker =
            new MockProducer<>(false, null, new StringSerializer(), (topic, record) -> new byte[0]);
    private final AcknowledgedPublisher publisher = new AcknowledgedPublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)),
            new IngestProperties(ACK_TIMEOUT, Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @Test
    void publishReturnsWhereTheRecordIsStoredOnceTheBrokerAcknowledgesIt() {
        CompletableFuture<Stored> publishing = CompletableFuture.supplyAsync(() ->
                publisher.publish(Topics.CUSTOMERS, "c-9001", AINO, "customer c-9001", "send it again"));
        await().until(() -> broker.history().size() == 1);

        assertThat(publishing).isNotDone();
        broker.completeNext();

        assertThat(publishing.join()).isEqualTo(new Stored(Topics.CUSTOMERS.name(), 0, 0L));
        assertThat(broker.history().getFirst().key()).isEqualTo("c-9001");
    }

    @Test
    void noAcknowledgementInTimeIsBrokerUnavailableWithTheCallersAdvice() {
        BrokerUnavailableException e = catchThrowableOfType(BrokerUnavailableException.class, () ->
                publisher.publish(Topics.CUSTOMERS, "c-9001", AINO, "customer c-9001", "send it again"));

        assertThat(e).hasMessage("the broker did not acknowledge customer c-9001 within PT0.2S");
        assertThat(e.retryAdvice()).isEqualTo("send it again");
    }

    @Test
    void refusalIsBrokerUnavailableNamingTheBrokersReason() {
        CompletableFuture<Stored> publishing = CompletableFuture.supplyAsync(() ->
                publisher.publish(Topics.CUSTOMERS, "c-9001", AINO, "customer c-9001", "send it again"));
        await().until(() -> broker.history().size() == 1);

        broker.errorNext(new NotEnoughReplicasException("only 1 of 3 replicas in sync"));

        assertThat(publishing).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(BrokerUnavailableException.class)
                .withMessage("the broker refused customer c-9001: only 1 of 3 replicas in sync");
    }

    @Test
    void sendOfARecordTheProducerCannotQueueFailsTheFutureInsteadOfThrowing() {
        broker.close();

        assertThat(publisher.send(Topics.CUSTOMERS, "c-9001", AINO)).isCompletedExceptionally();
    }
}
