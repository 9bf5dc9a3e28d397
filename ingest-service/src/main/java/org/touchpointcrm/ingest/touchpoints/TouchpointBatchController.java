package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.input.FieldViolation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.access.TouchpointPermissions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /v1/touchpoints:batch}: up to {@value BatchReader#MAX_ITEMS} touchpoints (or
 * 1 MiB) as a JSON array or as NDJSON, accepted item by item. Valid items are stored, invalid
 * ones are listed with their index and reasons and not written at all.
 */
@RestController
@Tag(name = "Touchpoints")
public class TouchpointBatchController {

    public static final String NDJSON = "application/x-ndjson";

    private final BatchReader reader;
    private final TouchpointValidator validator;
    private final TouchpointPublisher publisher;
    private final RateLimits rateLimits;
    private final IngestMetrics metrics;

    public TouchpointBatchController(BatchReader reader, TouchpointValidator validator, TouchpointPublisher publisher,
                                     RateLimits rateLimits, IngestMetrics metrics) {
        this.reader = reader;
        this.validator = validator;
        this.publisher = publisher;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    @PostMapping(path = "/v1/touchpoints:batch", consumes = {MediaType.APPLICATION_JSON_VALUE, NDJSON},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "Send a batch of touchpoints",
            description = "Up to " + BatchReader.MAX_ITEMS + " touchpoints or " + BatchReader.MAX_BYTES
                    + " bytes, as a JSON array or as NDJSON "
                    + "(one touchpoint per line). Each item is validated on its own: valid ones are stored, invalid "
                    + "ones are listed with their 0-based index and not written. If Kafka fails to acknowledge any "
                    + "item the whole batch answers 503: retry it with the same eventIds.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = TouchpointRequest.class))),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string",
                            description = "One TouchpointRequest JSON document per line"))}))
    @ApiResponse(responseCode = "202", description = "At least one touchpoint was stored; 'rejected' lists the others",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = BatchResult.class)))
    @ApiResponse(responseCode = "400", description = "The batch is unreadable or empty, or none of its touchpoints was valid"
            + " ('rejected' lists each item's reasons)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "More than " + BatchReader.MAX_ITEMS + " touchpoints or "
            + BatchReader.MAX_BYTES + " bytes: split the batch",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @TouchpointProblemResponses
    public ResponseEntity<?> accept(@Parameter(hidden = true) HttpServletRequest http,
                                    @Parameter(hidden = true) @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client)
            throws IOException {
        boolean ndjson = MediaType.parseMediaType(http.getContentType()).isCompatibleWith(MediaType.parseMediaType(NDJSON));
        List<BatchItem> items = ndjson
                ? reader.readNdjson(http.getInputStream(), http.getContentLengthLong())
                : reader.readJsonArray(http.getInputStream(), http.getContentLengthLong());
        if (items.isEmpty()) {
            throw new BatchUnreadableException("the batch holds no touchpoints; send at least one");
        }
        rateLimits.take(client, items.size());

        var valid = new ArrayList<TouchpointEvent>();
        var rejected = new ArrayList<BatchResult.Rejected>();
        for (BatchItem item : items) {
            check(item, client, valid, rejected);
        }
        if (!valid.isEmpty()) {
            publisher.publishAll(valid);
            valid.forEach(event -> metrics.accepted(client, event));
        }
        var result = new BatchResult(items.size(), valid.size(), rejected);
        return valid.isEmpty() ? ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(nothingAccepted(result))
                : ResponseEntity.status(HttpStatus.ACCEPTED).body(result);
    }

    private void check(BatchItem item, ApiClient client, List<TouchpointEvent> valid, List<BatchResult.Rejected> rejected) {
        if (item.unreadable() != null) {
            rejected.add(new BatchResult.Rejected(item.index(), null, List.of(item.unreadable())));
            metrics.rejected(client, null, List.of(item.unreadable()));
            return;
        }
        try {
            TouchpointEvent event = validator.validate(item.request(), client.name());
            var refusal = TouchpointPermissions.refusal(client, event);
            if (refusal.isPresent()) {
                var denied = List.of(new FieldViolation("channel", refusal.get()));
                rejected.add(new BatchResult.Rejected(item.index(), event.getEventId(), denied));
                metrics.rejected(client, item.request(), denied);
            } else {
                valid.add(event);
            }
        } catch (InvalidTouchpointException e) {
            rejected.add(new BatchResult.Rejected(item.index(), item.request().eventId(), e.violations()));
            metrics.rejected(client, item.request(), e.violations());
        }
    }

    private static ProblemDetail nothingAccepted(BatchResult result) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "none of the " + result.received() + " touchpoints was valid; see 'rejected' for each item's reasons");
        problem.setTitle("No touchpoint of the batch was accepted");
        problem.setProperty("received", result.received());
        problem.setProperty("accepted", 0);
        problem.setProperty("rejected", result.rejected());
        return problem;
    }
}
