package org.touchpointcrm.access.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import tools.jackson.databind.json.JsonMapper;

class DefinitionProblemsTest {

    private static final URI INVALID = URI.create("https://example.org/invalid");
    private static final URI UNUSABLE = URI.create("https://example.org/unusable");
    private static final URI CONFLICT = URI.create("https://example.org/conflict");
    private static final DefinitionProblems THINGS = new DefinitionProblems(
            new DefinitionProblems.Refusals(INVALID, "The thing is invalid", UNUSABLE, "The text cannot be used",
                    problems -> "because " + problems + "; fix it"),
            new DefinitionProblems.Conflicts(CONFLICT, "The thing exists", "The thing changed meanwhile"));

    record Wrong(String field, String reason) implements Violation {
        @Override
        public String name() {
            return field;
        }
    }

    /** A text problem as a service keeps it: its toString is what the detail says. */
    record AtLine(int line, int column, String message) {
        @Override
        public String toString() {
            return line + ":" + column + " " + message;
        }
    }

    @Test
    void wrongFieldsAre400NamingEachUnderErrors() {
        ResponseEntity<ProblemDetail> answer = THINGS.refused(DefinitionRefusedException.fields(
                List.of(new Wrong("name", "is missing"), new Wrong("status", "is unknown"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("name: is missing; status: is unknown");
        assertThat(problem.getType()).isEqualTo(INVALID);
        assertThat(problem.getTitle()).isEqualTo("The thing is invalid");
        assertThat(problem.getProperties()).containsOnlyKeys("errors");
        assertThat(problem.getProperties().get("errors"))
                .isEqualTo(List.of(new Wrong("name", "is missing"), new Wrong("status", "is unknown")));
    }

    @Test
    void anUnusableTextIs422WithEachProblemAndTheServicesAdvice() {
        ResponseEntity<ProblemDetail> answer = THINGS.refused(DefinitionRefusedException.problems(
                List.of(new AtLine(1, 5, "undeclared"), new AtLine(2, 1, "no such function"))));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getDetail()).isEqualTo("because 1:5 undeclared; 2:1 no such function; fix it");
        assertThat(problem.getType()).isEqualTo(UNUSABLE);
        assertThat(problem.getTitle()).isEqualTo("The text cannot be used");
        assertThat(problem.getProperties()).containsOnlyKeys("problems");
    }

    @Test
    void anExistingIdIs409() {
        ResponseEntity<ProblemDetail> answer = THINGS.conflict(DefinitionConflictException.exists("thing 'a' exists"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getBody().getTitle()).isEqualTo("The thing exists");
        assertThat(answer.getBody().getType()).isEqualTo(CONFLICT);
        assertThat(answer.getBody().getDetail()).isEqualTo("thing 'a' exists");
    }

    @Test
    void aStaleIfMatchIs412SayingBothVersionsAndWhatToDo() {
        assertThatThrownBy(() -> DefinitionConflictException.unlessCurrent("thing 'a'", 4, 3))
                .isInstanceOfSatisfying(DefinitionConflictException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
                    assertThat(e).hasMessage("thing 'a' is at version 4, not 3 as If-Match says; someone changed it"
                            + " meanwhile: GET it, review the change, and send yours with its version");
                    assertThat(THINGS.conflict(e).getBody().getTitle()).isEqualTo("The thing changed meanwhile");
                });
    }

    @Test
    void theCurrentVersionOrNoIfMatchPasses() {
        assertThatNoException().isThrownBy(() -> DefinitionConflictException.unlessCurrent("thing 'a'", 4, 4L));
        assertThatNoException().isThrownBy(() -> DefinitionConflictException.unlessCurrent("thing 'a'", 4, null));
    }

    /** The services' clients read their own field names; naming a violation must not add one. */
    @Test
    void aViolationIsWrittenAsItsOwnRecordOnly() {
        assertThat(JsonMapper.builder().build().writeValueAsString(new Wrong("name", "is missing")))
                .isEqualTo("{\"field\":\"name\",\"reason\":\"is missing\"}");
    }
}
