package org.touchpointcrm.segmentation;

import java.net.URI;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.touchpointcrm.access.Problems;
import org.touchpointcrm.access.definitions.DefinitionConflictException;
import org.touchpointcrm.access.definitions.DefinitionProblems;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.access.definitions.Violation;
import org.touchpointcrm.platform.privacy.PersonalData;
import org.touchpointcrm.segmentation.definitions.UnknownDefinitionException;
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
    static final URI INVALID_DEFINITION = URI.create("https://touchpointcrm.org/problems/invalid-segment-definition");
    static final URI RULE_REFUSED = URI.create("https://touchpointcrm.org/problems/rule-does-not-compile");
    static final URI DEFINITION_CONFLICT = URI.create("https://touchpointcrm.org/problems/segment-definition-conflict");
    /** State stores come back within seconds of a rebalance. */
    public static final String RETRY_AFTER_SECONDS = "1";

    private static final DefinitionProblems SEGMENTS = new DefinitionProblems(
            new DefinitionProblems.Refusals(INVALID_DEFINITION, "The segment definition is invalid",
                    RULE_REFUSED, "The rule does not compile",
                    problems -> "the rule does not compile: " + problems + "; fix it and send it again (docs/segments.md"
                            + " lists the fields and functions)"),
            new DefinitionProblems.Conflicts(DEFINITION_CONFLICT, "The segment exists", "The segment changed meanwhile"));

    private static final Logger log = LoggerFactory.getLogger(SegmentationProblems.class);

    /** One failing query parameter, as ingest-service names failing fields. */
    public record ParameterViolation(String parameter, String reason) implements Violation {

        @Override
        public String name() {
            return parameter;
        }
    }

    @ExceptionHandler(StoreUnavailableException.class)
    ResponseEntity<ProblemDetail> notAvailableYet(StoreUnavailableException e) {
        log.debug("answering 503: {}", PersonalData.redact(e.getMessage()));
        return Problems.retryLater(RETRY_AFTER_SECONDS, NOT_AVAILABLE_YET, e.title(), e.getMessage() + "; retry shortly");
    }

    @ExceptionHandler(InvalidStatsQueryException.class)
    ResponseEntity<ProblemDetail> invalidQuery(InvalidStatsQueryException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, INVALID_QUERY, "The query parameters are invalid",
                e.parameter() + ": " + e.getMessage());
        problem.setProperty("errors", List.of(new ParameterViolation(e.parameter(), e.getMessage())));
        return ResponseEntity.badRequest().body(problem);
    }

    /** A field is wrong (400, naming each), or the rule does not compile (422, with line and column per problem). */
    @ExceptionHandler(DefinitionRefusedException.class)
    ResponseEntity<ProblemDetail> definitionRefused(DefinitionRefusedException e) {
        return SEGMENTS.refused(e);
    }

    @ExceptionHandler(DefinitionConflictException.class)
    ResponseEntity<ProblemDetail> definitionConflict(DefinitionConflictException e) {
        return SEGMENTS.conflict(e);
    }

    /** An id that names no segment, whether asked of the statistics or of the definitions. */
    @ExceptionHandler({UnknownSegmentException.class, UnknownDefinitionException.class})
    ResponseEntity<ProblemDetail> unknownSegment(RuntimeException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, UNKNOWN_SEGMENT, "Unknown segment", e.getMessage());
    }
}
