package org.touchpointcrm.ingest.touchpoints;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/touchpoints}: one touchpoint in, 202 once Kafka has it. */
@RestController
public class TouchpointController {

    /** Until API keys arrive, every request is attributed to this source. */
    static final String ANONYMOUS_SOURCE = "http";

    private final TouchpointValidator validator;
    private final TouchpointPublisher publisher;

    public TouchpointController(TouchpointValidator validator, TouchpointPublisher publisher) {
        this.validator = validator;
        this.publisher = publisher;
    }

    @PostMapping(path = "/v1/touchpoints", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Accepted accept(@RequestBody TouchpointRequest request) {
        var event = validator.validate(request, ANONYMOUS_SOURCE);
        var stored = publisher.publish(event);
        return new Accepted(event.getEventId(), stored.topic(), stored.partition(), stored.offset());
    }

    /** The answer to an accepted touchpoint: where it was stored. */
    public record Accepted(String eventId, String topic, int partition, long offset) {
    }
}
