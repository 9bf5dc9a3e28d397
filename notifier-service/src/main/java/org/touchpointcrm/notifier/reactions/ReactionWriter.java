package org.touchpointcrm.notifier.reactions;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;

/**
 * Writes a reaction touchpoint and waits until the broker has it, so that a reaction is answered 2xx
 * only once it is stored: a lost reaction is worse than a webhook or a pixel asked again (the event ids
 * are deterministic, so a repeat counts once).
 */
@Component
public class ReactionWriter {

    /** Within the producer's own delivery timeout in spirit: a customer's browser or a gateway is waiting. */
    static final Duration WAIT = Duration.ofSeconds(10);

    private final FeedbackTouchpoints feedback;
    private final KafkaTemplate<String, SpecificRecord> kafka;

    public ReactionWriter(FeedbackTouchpoints feedback, KafkaTemplate<String, SpecificRecord> kafka) {
        this.feedback = feedback;
        this.kafka = kafka;
    }

    /** A reaction to a message of ours: keyed by the customer id the message was for. */
    public void aboutMessage(TouchpointEvent event) {
        await(feedback.record(event), event);
    }

    /**
     * A reaction that names the customer only by an identifier such as the phone (an SMS reply):
     * keyed by its customer reference as ingest keys such events; segmentation resolves it.
     */
    public void fromIdentifier(TouchpointEvent event) {
        await(kafka.send(Topics.touchpoints(event.getChannel()).name(), CustomerReference.of(event.getCustomer()), event),
                event);
    }

    private static void await(CompletableFuture<?> sent, TouchpointEvent event) {
        try {
            sent.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReactionNotRecordedException(event, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new ReactionNotRecordedException(event, e);
        }
    }
}
