package org.touchpointcrm.notifier.results;

import java.net.URI;

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
        return Problems.retryLater(1, NOT_AVAILABLE, "Campaign results not available here now", e.getMessage());
    }
}
