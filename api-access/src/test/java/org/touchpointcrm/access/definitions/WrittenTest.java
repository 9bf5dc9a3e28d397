package org.touchpointcrm.access.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class WrittenTest {

    private static final URI LOCATION = URI.create("/v1/things/a");

    @Test
    void aCreatedDefinitionVisibleHereIs201WithLocationAndEtag() {
        ResponseEntity<String> answer = new Written<>("a", true, true).answer(HttpStatus.CREATED, 1, LOCATION, "body");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(LOCATION);
        assertThat(answer.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(answer.getBody()).isEqualTo("body");
    }

    @Test
    void aDefinitionStoredButNotYetReadBackHereIs202WithoutLocation() {
        ResponseEntity<String> answer = new Written<>("a", false, true).answer(HttpStatus.CREATED, 1, LOCATION, "body");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(answer.getHeaders().getETag()).isEqualTo("\"1\"");
    }

    @Test
    void nothingChangedIs200WithTheCurrentVersion() {
        ResponseEntity<String> answer = Written.unchanged("a").answer(HttpStatus.CREATED, 4, LOCATION, "body");

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(answer.getHeaders().getLocation()).isNull();
        assertThat(answer.getHeaders().getETag()).isEqualTo("\"4\"");
    }

    @Test
    void aChangeVisibleHereIsAnsweredWithTheStatusAsked() {
        assertThat(new Written<>("a", true, true).answer(HttpStatus.OK, 2, LOCATION, "body").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
