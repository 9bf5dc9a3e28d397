package org.touchpointcrm.notifier.results;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.touchpointcrm.access.Problems;

/** The results' own problem; an unknown campaign is NotifierProblems' 404 as for the campaigns API. */
@RestControllerAdvice(basePackageClasses = ResultsProblems.class)
public class ResultsProblems {

    static final URI NOT_AVAILABLE = URI.create("https://touchpointcrm.org/problems/not-available-yet");

    @ExceptionHandler(ResultsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(ResultsUnavailableException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, NOT_AVAILABLE, "Campaign results not available here now",
                        e.getMessage()));
    }
}
