package org.touchpointcrm.ingest.touchpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;

/**
 * Writes accepted touchpoints to their channels' topics, keyed by the customer reference, and
 * returns only once the broker has acknowledged them, so that a 202 always means "stored".
 */
@Component
public class TouchpointPublisher {

    static final String RETRY_ADVICE = "keep the event and retry it with the same eventId";
    static final String BATCH_RETRY_ADVICE = "retry the whole batch with the same eventIds; events already stored are counted once";

    private final AcknowledgedPublisher publisher;
    private final IngestProperties properties;

    public TouchpointPublisher(AcknowledgedPublisher publisher, IngestProperties properties) {
        this.publisher = publisher;
        this.properties = properties;
    }

    public Stored publish(TouchpointEvent event) {
        return publisher.publish(Topics.touchpoints(event.getChannel()), CustomerReference.of(event.getCustomer()),
                event, "event " + event.getEventId(), RETRY_ADVICE);
    }

    /**
     * Sends all events at once and waits, within one ack timeout, until the broker has every one.
     * If any is missing the whole call fails: the sender retries the batch with the same eventIds.
     */
    public List<Stored> publishAll(List<TouchpointEvent> events) {
        var sends = new ArrayList<CompletableFuture<Stored>>(events.size());
        for (TouchpointEvent event : events) {
            sends.add(publisher.send(Topics.touchpoints(event.getChannel()), CustomerReference.of(event.getCustomer()), event));
        }
        long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
        var stored = new ArrayList<Stored>(events.size());
        for (int i = 0; i < sends.size(); i++) {
            String what = "event " + events.get(i).getEventId();
            try {
                stored.add(sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new BrokerUnavailableException("the broker did not acknowledge " + what + " within "
                        + properties.ackTimeout(), BATCH_RETRY_ADVICE, e);
            } catch (ExecutionException e) {
                throw new BrokerUnavailableException("the broker refused " + what + ": " + AcknowledgedPublisher.reasonOf(e),
                        BATCH_RETRY_ADVICE, AcknowledgedPublisher.rootOf(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BrokerUnavailableException("interrupted while waiting for the broker", BATCH_RETRY_ADVICE, e);
            }
        }
        return stored;
    }
}
