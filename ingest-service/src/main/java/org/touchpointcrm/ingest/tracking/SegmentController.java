package org.touchpointcrm.ingest.tracking;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.input.CappedInputStream;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.access.AccessDeniedException;
import org.touchpointcrm.ingest.touchpoints.RateLimits;
import org.touchpointcrm.ingest.access.TouchpointPermissions;
import org.touchpointcrm.ingest.customers.CustomerPublisher;
import org.touchpointcrm.ingest.customers.CustomerValidator;
import org.touchpointcrm.ingest.customers.InvalidCustomerException;
import org.touchpointcrm.ingest.touchpoints.BatchReader;
import org.touchpointcrm.ingest.touchpoints.BatchResult;
import org.touchpointcrm.ingest.touchpoints.IngestMetrics;
import org.touchpointcrm.ingest.touchpoints.InvalidTouchpointException;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment's HTTP tracking API, so that channel systems that already speak it (Segment's SDKs for every language,
 * RudderStack's) send here unchanged: the five calls one at a time and the two batch routes the server SDKs use
 * ({@code /v1/import/} is where the Java SDK sends). The write key is the basic-auth user and is one of our API keys
 * ({@code ApiKeyFilter}). Segment's limits hold: 32 KB per call, 500 KB per batch, each answered 400 as Segment does.
 * A call becomes a touchpoint by {@link SegmentTranslator} and is then validated, permitted and stored like any
 * other; 200 {@code {"success": true}} once Kafka has it (Segment's SDKs retry anything but 2xx and 4xx).
 */
@RestController
@Tag(name = "Segment tracking API", description = "Segment-compatible calls; see docs/ingest.md for the mapping")
public class SegmentController {

    /** Segment's limit of one call, and of one call inside a batch. */
    public static final int MAX_CALL_BYTES = 32 * 1024;
    /** Segment's limit of a batch. */
    public static final int MAX_BATCH_BYTES = 500 * 1024;

    private static final Map<String, Object> SUCCESS = Map.of("success", true);

    private final JsonMapper json;
    private final SegmentTranslator translator;
    private final TouchpointValidator validator;
    private final TouchpointPublisher publisher;
    private final CustomerValidator customers;
    private final CustomerPublisher register;
    private final RateLimits rateLimits;
    private final IngestMetrics metrics;

    public SegmentController(JsonMapper json, Clock clock, TouchpointValidator validator, TouchpointPublisher publisher,
                             CustomerValidator customers, CustomerPublisher register, RateLimits rateLimits,
                             IngestMetrics metrics) {
        this.json = json;
        this.translator = new SegmentTranslator(clock);
        this.validator = validator;
        this.publisher = publisher;
        this.customers = customers;
        this.register = register;
        this.rateLimits = rateLimits;
        this.metrics = metrics;
    }

    @PostMapping(path = {"/v1/track", "/v1/identify", "/v1/page", "/v1/screen", "/v1/alias"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "One Segment call", description = "track, identify, page, screen or alias, at most 32 KB; "
            + "200 {\"success\": true} once stored")
    public Map<String, Object> call(@Parameter(hidden = true) HttpServletRequest http,
                                    @Parameter(hidden = true) @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client)
            throws IOException {
        String call = http.getRequestURI().substring(http.getRequestURI().lastIndexOf('/') + 1);
        JsonNode message = read(http, MAX_CALL_BYTES, "a call");
        rateLimits.take(client, 1);
        Taken taken = take(translator.translate(call, message), client);
        if (taken.refusal() != null) {
            throw new AccessDeniedException(taken.refusal());
        }
        if (!taken.violations().isEmpty()) {
            throw new InvalidTouchpointException(taken.violations());
        }
        taken.master().ifPresent(register::upsert);
        publisher.publish(taken.event());
        metrics.accepted(client, taken.event());
        return SUCCESS;
    }

    @PostMapping(path = {"/v1/batch", "/v1/import", "/v1/import/"},
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @Operation(summary = "A batch of Segment calls", description = "{\"batch\": [...]} of at most 500 KB and "
            + BatchReader.MAX_ITEMS + " calls, each at most 32 KB and with its type; taken call by call")
    public ResponseEntity<?> batch(@Parameter(hidden = true) HttpServletRequest http,
                                   @Parameter(hidden = true) @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client)
            throws IOException {
        JsonNode items = read(http, MAX_BATCH_BYTES, "a batch").path("batch");
        if (!items.isArray() || items.isEmpty()) {
            throw invalid("batch", "is required: an array of at least one call, {\"batch\": [{\"type\": \"track\", ...}]}");
        }
        if (items.size() > BatchReader.MAX_ITEMS) {
            throw invalid("batch", "holds " + items.size() + " calls; at most " + BatchReader.MAX_ITEMS + ": split it");
        }
        rateLimits.take(client, items.size());
        var events = new ArrayList<TouchpointEvent>();
        var masters = new ArrayList<CustomerRecord>();
        var rejected = new ArrayList<BatchResult.Rejected>();
        int index = 0;
        for (JsonNode item : items) {
            Taken taken = takeItem(item, client);
            if (taken.event() != null && taken.violations().isEmpty() && taken.refusal() == null) {
                events.add(taken.event());
                taken.master().ifPresent(masters::add);
            } else {
                var errors = taken.refusal() == null ? taken.violations() : List.of(new FieldViolation("channel", taken.refusal()));
                rejected.add(new BatchResult.Rejected(index, SegmentTranslator.text(item, "messageId"), errors));
                metrics.rejected(client, null, errors);
            }
            index++;
        }
        var result = new BatchResult(items.size(), events.size(), rejected);
        if (events.isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "none of the "
                    + result.received() + " calls was valid; see 'rejected' for each call's reasons");
            problem.setTitle("No call of the batch was accepted");
            problem.setProperty("rejected", rejected);
            return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        masters.forEach(register::upsert);
        publisher.publishAll(events);
        events.forEach(event -> metrics.accepted(client, event));
        return ResponseEntity.ok(new BatchAnswer(true, result.received(), result.accepted(), rejected));
    }

    /** Segment's answer, {@code success}, with what became of each call. */
    public record BatchAnswer(boolean success, int received, int accepted, List<BatchResult.Rejected> rejected) {
    }

    /**
     * A call taken or refused: the touchpoint and master data to write, or what is wrong ({@code violations}), or
     * what the key may not do ({@code refusal}).
     */
    private record Taken(TouchpointEvent event, Optional<CustomerRecord> master, List<FieldViolation> violations,
                         String refusal) {
    }

    private Taken takeItem(JsonNode item, ApiClient client) {
        String type = SegmentTranslator.text(item, "type");
        if (!item.isObject() || type == null || !SegmentTranslator.CALLS.contains(type)) {
            return new Taken(null, Optional.empty(), List.of(new FieldViolation("type",
                    "is required: one of " + SegmentTranslator.CALLS)), null);
        }
        int size = json.writeValueAsBytes(item).length;
        if (size > MAX_CALL_BYTES) {
            return new Taken(null, Optional.empty(), List.of(new FieldViolation("(call)",
                    "is " + size + " bytes; a call is at most " + MAX_CALL_BYTES + " bytes (Segment's limit)")), null);
        }
        return take(translator.translate(type, item), client);
    }

    private Taken take(SegmentCall call, ApiClient client) {
        if (!call.violations().isEmpty()) {
            return new Taken(null, Optional.empty(), call.violations(), null);
        }
        TouchpointEvent event;
        try {
            event = validator.validate(call.touchpoint(), client.name());
        } catch (InvalidTouchpointException e) {
            return new Taken(null, Optional.empty(), e.violations(), null);
        }
        Optional<String> refusal = TouchpointPermissions.refusal(client, event);
        if (refusal.isPresent()) {
            return new Taken(null, Optional.empty(), List.of(), refusal.get());
        }
        // identify's traits become master data only for a key that may write the register.
        Optional<CustomerRecord> master = Optional.empty();
        if (call.master().isPresent() && client.may(org.touchpointcrm.access.Operation.CUSTOMERS_WRITE)) {
            try {
                master = Optional.of(customers.validate(call.master().get().customerId(), call.master().get().request(),
                        client.name()));
            } catch (InvalidCustomerException e) {
                return new Taken(null, Optional.empty(), e.violations().stream()
                        .map(v -> new FieldViolation("traits." + v.field(), v.reason())).toList(), null);
            }
        }
        return new Taken(event, master, List.of(), null);
    }

    /** Reads at most {@code limit} bytes as one JSON object; more is refused with 400, as Segment refuses it. */
    private JsonNode read(HttpServletRequest http, int limit, String what) throws IOException {
        if (http.getContentLengthLong() > limit) {
            throw tooLarge(what, limit);
        }
        JsonNode node;
        try (InputStream body = new CappedInputStream(http.getInputStream(), limit, () -> tooLarge(what, limit))) {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw invalid("(body)", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw invalid("(body)", "is not a JSON object; " + what + " is one {...}");
        }
        return node;
    }

    private static InvalidTouchpointException tooLarge(String what, int limit) {
        return invalid("(body)", "is over " + limit / 1024 + " KB, Segment's limit of " + what + "; "
                + (limit == MAX_CALL_BYTES ? "send less in properties and traits" : "send smaller batches"));
    }

    private static InvalidTouchpointException invalid(String field, String reason) {
        return new InvalidTouchpointException(List.of(new FieldViolation(field, reason)));
    }
}
