package org.touchpointcrm.ingest.touchpoints;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;

/**
 * Writes an accepted touchpoint to its channel's topic, keyed by the customer reference, and
 * returns only once the broker has acknowledged it, so that a 202 always means "stored".
 */
@Component
public class TouchpointPublisher {

    static final String RETRY_ADVICE = "keep the event and retry it with the same eventId";

    private final AcknowledgedPublisher publisher;

    public TouchpointPublisher(AcknowledgedPublisher publisher) {
        this.publisher = publisher;
    }

    public Stored publish(TouchpointEvent event) {
        return publisher.publish(Topics.touchpoints(event.getChannel()), CustomerReference.of(event.getCustomer()),
                event, "event " + event.getEventId(), RETRY_ADVICE);
    }
}
