package org.touchpointcrm.ingest;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.touchpointcrm.access.Problems;
import org.touchpointcrm.ingest.access.AccessDeniedException;
import org.touchpointcrm.ingest.access.RateLimitExceededException;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.touchpoints.BatchUnreadableException;
import org.springframework.web.context.request.ServletWebRequest;
import org.touchpointcrm.ingest.customers.InvalidCsvException;
import org.touchpointcrm.ingest.customers.InvalidCustomerException;
import org.touchpointcrm.access.profiles.ProfileQueryUnavailableException;
import org.touchpointcrm.ingest.customers.UnknownCustomerException;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.ingest.touchpoints.InvalidTouchpointException;
import org.touchpointcrm.ingest.touchpoints.PayloadTooLargeException;
import org.touchpointcrm.platform.privacy.PersonalData;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * Every error of ingest-service as an RFC 9457 problem: what was wrong, which field, what to do.
 * Spring's own errors (415, 405, ...) come through the base class in the same form.
 */
@RestControllerAdvice
public class IngestProblems extends ResponseEntityExceptionHandler {

    static final URI INVALID_TOUCHPOINT = URI.create("https://touchpointcrm.org/problems/invalid-touchpoint");
    static final URI UNREADABLE_BODY = URI.create("https://touchpointcrm.org/problems/unreadable-body");
    static final URI BROKER_UNAVAILABLE = URI.create("https://touchpointcrm.org/problems/broker-unavailable");
    static final URI TOO_LARGE = URI.create("https://touchpointcrm.org/problems/too-large");
    static final URI FORBIDDEN = URI.create("https://touchpointcrm.org/problems/forbidden");
    static final URI RATE_LIMITED = URI.create("https://touchpointcrm.org/problems/rate-limited");
    static final URI INVALID_CUSTOMER = URI.create("https://touchpointcrm.org/problems/invalid-customer");
    static final URI INVALID_CSV = URI.create("https://touchpointcrm.org/problems/invalid-csv");
    static final URI UNKNOWN_CUSTOMER = URI.create("https://touchpointcrm.org/problems/unknown-customer");
    static final URI PROFILE_QUERY_UNAVAILABLE = URI.create("https://touchpointcrm.org/problems/profile-query-unavailable");
    /** How long a client should wait before retrying a 503. */
    static final String RETRY_AFTER_SECONDS = "5";
    /** The longest parser message an answer repeats. */
    private static final int MAX_REASON_LENGTH = 300;

    private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);

    @ExceptionHandler(InvalidTouchpointException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidTouchpointException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_TOUCHPOINT, "The touchpoint is invalid",
                e.violations().stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", e.violations());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
        log.warn("answering 503: {}", PersonalData.redact(e.getMessage()));
        return Problems.retryLater(RETRY_AFTER_SECONDS, BROKER_UNAVAILABLE, "Kafka is not available",
                e.getMessage() + ". Nothing was stored for certain: " + e.retryAdvice() + ".");
    }

    @ExceptionHandler(BatchUnreadableException.class)
    ResponseEntity<ProblemDetail> batchUnreadable(BatchUnreadableException e) {
        return Problems.answer(HttpStatus.BAD_REQUEST, UNREADABLE_BODY, "The batch could not be read", e.getMessage());
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return Problems.answer(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "The request is too large", e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return Problems.answer(HttpStatus.FORBIDDEN, FORBIDDEN, "Not allowed for this key", e.getMessage());
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceededException e) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, "Too many touchpoints", e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(problem);
    }

    /** Malformed JSON or a value of the wrong JSON type: name the field the parser stopped at. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        String field = e.getCause() instanceof JacksonException jackson ? path(jackson) : "";
        String reason = e.getCause() instanceof JacksonException jackson ? shortened(jackson.getOriginalMessage())
                : "the request body is missing or is not JSON";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, UNREADABLE_BODY,
                "The request body is not a valid " + documentOf(request) + " document",
                (field.isEmpty() ? "the body" : field) + " could not be read: " + reason);
        problem.setProperty("errors", List.of(new FieldViolation(field.isEmpty() ? "(body)" : field, reason)));
        return ResponseEntity.badRequest().body(problem);
    }

    /** Jackson quotes a bad value in some messages; an answer quotes a short prefix only. */
    private static String shortened(String message) {
        return message == null || message.length() <= MAX_REASON_LENGTH ? message
                : message.substring(0, MAX_REASON_LENGTH) + "… (cut)";
    }

    private static String path(JacksonException e) {
        // Malformed JSON: databind's path is empty or stops at the enclosing object (a parse error
        // is not a mapping error), but the parser knows which property it was reading.
        if (e instanceof StreamReadException malformed && malformed.processor() != null) {
            return path(malformed.processor().streamReadContext());
        }
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String path(TokenStreamContext context) {
        var segments = new ArrayDeque<String>();
        for (var at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray() && at.hasCurrentIndex()) {
                segments.push("[" + at.getCurrentIndex() + "]");
            } else if (at.inObject() && at.currentName() != null) {
                segments.push(at.currentName());
            }
        }
        return String.join(".", segments).replace(".[", "[");
    }

    /** The title of an unreadable body names what the endpoint reads. */
    private static String documentOf(org.springframework.web.context.request.WebRequest request) {
        return request instanceof ServletWebRequest servlet && servlet.getRequest().getRequestURI().startsWith("/v1/customers")
                ? "customer" : "touchpoint";
    }

    @ExceptionHandler(InvalidCustomerException.class)
    ResponseEntity<ProblemDetail> invalidCustomer(InvalidCustomerException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_CUSTOMER, "The customer data is invalid",
                e.violations().stream().map(v -> v.field() + " " + v.reason()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", e.violations());
        return ResponseEntity.badRequest().body(problem);
    }

    /** The CSV cannot be imported at all; raised before the import answers, so nothing was written. */
    @ExceptionHandler(InvalidCsvException.class)
    ResponseEntity<ProblemDetail> invalidCsv(InvalidCsvException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_CSV, "The CSV cannot be imported",
                e.violations().stream().map(v -> "the " + v.field() + " " + v.reason()).collect(Collectors.joining("; "))
                        + ". Nothing was imported.");
        problem.setProperty("errors", e.violations());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(UnknownCustomerException.class)
    ResponseEntity<ProblemDetail> unknownCustomer(UnknownCustomerException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, UNKNOWN_CUSTOMER, "Unknown customer", e.getMessage());
    }

    @ExceptionHandler(ProfileQueryUnavailableException.class)
    ResponseEntity<ProblemDetail> profileQueryUnavailable(ProfileQueryUnavailableException e) {
        log.warn("answering 503: {}", PersonalData.redact(e.getMessage()));
        return Problems.retryLater(e.retryAfter().orElse(RETRY_AFTER_SECONDS), PROFILE_QUERY_UNAVAILABLE,
                "Profiles are not available now", e.getMessage() + "; retry shortly");
    }
}
