package org.touchpointcrm.ingest.touchpoints;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.access.AccessDeniedException;
import org.touchpointcrm.ingest.access.TouchpointPermissions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code POST /v1/touchpoints}: one touchpoint in, 202 once Kafka has it. */
@RestController
@Tag(name = "Touchpoints", description = "Events of the channel systems, stored on Kafka before the answer")
public class TouchpointController {

    private final TouchpointValidator validator;
    private final TouchpointPublisher publisher;
    private final RateLimits rateLimits;
    private final IngestMetrics metrics;

    public TouchpointController(TouchpointValidator validator, TouchpointPublisher publisher, RateLimits rateLimits,
                                IngestMetrics metrics) {
        this.validator = validator;
        this.publisher = publisher;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    @PostMapping(path = "/v1/touchpoints", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send one touchpoint",
            description = "Validated, normalised and answered once Kafka has stored it on all in-sync replicas. "
                    + "The request body's examples show one touchpoint of each type.")
    @ApiResponse(responseCode = "202", description = "Stored on Kafka",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Invalid touchpoint"
            + " (every failing field in 'errors'), or unreadable JSON or JSON past its limits (a duplicate property,"
            + " a string, number or nesting too long, a decimal with a huge exponent)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "A body over crm.input.max-body-size (1 MiB)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @TouchpointProblemResponses
    public Accepted accept(@RequestBody TouchpointRequest request,
                           @Parameter(hidden = true) @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        rateLimits.take(client, 1);
        TouchpointEvent event;
        try {
            event = validator.validate(request, client.name());
        } catch (InvalidTouchpointException e) {
            metrics.rejected(client, request, e.violations());
            throw e;
        }
        TouchpointPermissions.refusal(client, event).ifPresent(reason -> {
            throw new AccessDeniedException(reason);
        });
        var stored = publisher.publish(event);
        metrics.accepted(client, event);
        return new Accepted(event.getEventId(), stored.topic(), stored.partition(), stored.offset());
    }

    /** The answer to an accepted touchpoint: where it was stored. */
    public record Accepted(String eventId, String topic, int partition, long offset) {
    }
}
