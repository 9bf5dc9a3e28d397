package org.touchpointcrm.access;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 problems as every service answers them: a status, the problem's type URI, a title and a detail. */
public final class Problems {

    private Problems() {
    }

    /** The problem, for a handler that adds properties or headers before answering it. */
    public static ProblemDetail of(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        return problem;
    }

    /** A 503 with {@code Retry-After}: the service cannot answer now, but will shortly. */
    public static ResponseEntity<ProblemDetail> retryLater(int seconds, URI type, String title, String detail) {
        return retryLater(Integer.toString(seconds), type, title, detail);
    }

    /**
     * A 503 with {@code Retry-After} as given: whole seconds, or an upstream service's own value passed on
     * as it came (seconds or an HTTP date).
     */
    public static ResponseEntity<ProblemDetail> retryLater(String retryAfter, URI type, String title, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, retryAfter)
                .body(of(HttpStatus.SERVICE_UNAVAILABLE, type, title, detail));
    }

    /** The answer carrying {@link #of} the problem, with its status. */
    public static ResponseEntity<ProblemDetail> answer(HttpStatus status, URI type, String title, String detail) {
        return ResponseEntity.status(status).body(of(status, type, title, detail));
    }
}
