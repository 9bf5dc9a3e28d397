package org.touchpointcrm.segmentation;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;
import org.touchpointcrm.segmentation.stats.InvalidStatsQueryException;
import org.touchpointcrm.segmentation.stats.UnknownSegmentException;

/**
 * Every error of segmentation-streams' REST API as an RFC 9457 problem: what was wrong, which
 * parameter, what to do. Spring's own errors (405, 406, ...) come through the base class in the same form.
 */
@RestControllerAdvice
public class SegmentationProblems extends ResponseEntityExceptionHandler {

    static final URI NOT_AVAILABLE_YET = URI.create("https://touchpointcrm.org/problems/not-available-yet");
    static final URI INVALID_QUERY = URI.create("https://touchpointcrm.org/problems/invalid-query");
    static final URI UNKNOWN_SEGMENT = URI.create("https://touchpointcrm.org/problems/unknown-segment");
    /** State stores come back within seconds of a rebalance. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private static final Logger log = LoggerFactory.getLogger(SegmentationProblems.class);

    /** One failing query parameter, as ingest-service names failing fields. */
    public record ParameterViolation(String parameter, String reason) {
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> notAvailableYet(StoreUnavailableException e) {
        log.debug("answering 503: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                e.getMessage() + "; retry shortly");
        problem.setType(NOT_AVAILABLE_YET);
        problem.setTitle(e.title());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS).body(problem);
    }

    @ExceptionHandler(InvalidStatsQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(InvalidStatsQueryException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.parameter() + ": " + e.getMessage());
        problem.setType(INVALID_QUERY);
        problem.setTitle("The query parameters are invalid");
        problem.setProperty("errors", List.of(new ParameterViolation(e.parameter(), e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(UnknownSegmentException.class)
    ResponseEntity<ProblemDetail> unknownSegment(UnknownSegmentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(UNKNOWN_SEGMENT);
        problem.setTitle("Unknown segment");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}
