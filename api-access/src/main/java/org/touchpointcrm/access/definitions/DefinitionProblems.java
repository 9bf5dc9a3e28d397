package org.touchpointcrm.access.definitions;

import java.net.URI;
import java.util.function.UnaryOperator;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.touchpointcrm.access.Problems;

/**
 * Refusals and conflicts of a definitions API as RFC 9457 problems, in the words of the service whose
 * definitions they are. A service's {@code @RestControllerAdvice} hands its exceptions here.
 *
 * @param refusals  how refusals are named
 * @param conflicts how conflicts are named
 */
public record DefinitionProblems(Refusals refusals, Conflicts conflicts) {

    /**
     * @param invalidType   the problem type of wrong fields (400)
     * @param invalidTitle  its title, e.g. "The campaign is invalid"
     * @param unusableType  the problem type of a text that cannot be used (422)
     * @param unusableTitle its title, e.g. "The rule does not compile"
     * @param unusableDetail the detail, given the problems joined: says what to fix and where it is documented
     */
    public record Refusals(URI invalidType, String invalidTitle, URI unusableType, String unusableTitle,
                           UnaryOperator<String> unusableDetail) {
    }

    /**
     * @param type          the problem type of both
     * @param existsTitle   the title of a 409, e.g. "The segment exists"
     * @param changedTitle  the title of a 412, e.g. "The segment changed meanwhile"
     */
    public record Conflicts(URI type, String existsTitle, String changedTitle) {
    }

    /** 400 naming each field under {@code errors}, or 422 with each text problem under {@code problems}. */
    public ResponseEntity<ProblemDetail> refused(DefinitionRefusedException e) {
        boolean texts = !e.problems().isEmpty();
        HttpStatus status = texts ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = Problems.of(status, texts ? refusals.unusableType() : refusals.invalidType(),
                texts ? refusals.unusableTitle() : refusals.invalidTitle(),
                texts ? refusals.unusableDetail().apply(e.getMessage()) : e.getMessage());
        if (texts) {
            problem.setProperty("problems", e.problems());
        } else {
            problem.setProperty("errors", e.fields());
        }
        return ResponseEntity.status(status).body(problem);
    }

    /** 409 or 412, as the exception says. */
    public ResponseEntity<ProblemDetail> conflict(DefinitionConflictException e) {
        return Problems.answer(e.status(), conflicts.type(),
                e.status() == HttpStatus.CONFLICT ? conflicts.existsTitle() : conflicts.changedTitle(), e.getMessage());
    }
}
