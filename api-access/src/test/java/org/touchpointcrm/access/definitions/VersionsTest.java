package org.touchpointcrm.access.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class VersionsTest {

    /** A service's record of a wrong field, its own JSON shape. */
    record Wrong(String field, String reason) implements Violation {
        @Override
        public String name() {
            return field;
        }
    }

    @Test
    void theEtagIsTheVersionQuoted() {
        assertThat(Versions.etag(3)).isEqualTo("\"3\"");
    }

    @Test
    void ifMatchTakesTheEtagBareOrWeak() {
        Long quoted = Versions.ifMatch("\"3\"", Long::valueOf, Wrong::new);
        Long bare = Versions.ifMatch(" 3 ", Long::valueOf, Wrong::new);
        Integer weak = Versions.ifMatch("W/\"3\"", Integer::valueOf, Wrong::new);

        assertThat(quoted).isEqualTo(3L);
        assertThat(bare).isEqualTo(3L);
        assertThat(weak).isEqualTo(3);
    }

    @Test
    void noIfMatchMeansAnyVersion() {
        Long absent = Versions.ifMatch(null, Long::valueOf, Wrong::new);
        Long blank = Versions.ifMatch("  ", Long::valueOf, Wrong::new);

        assertThat(absent).isNull();
        assertThat(blank).isNull();
    }

    @Test
    void aMalformedIfMatchIsRefusedNamingTheHeaderInTheServicesRecord() {
        assertThatThrownBy(() -> Versions.ifMatch("*", Long::valueOf, Wrong::new))
                .isInstanceOfSatisfying(DefinitionRefusedException.class, e -> {
                    assertThat(e.fields()).isEqualTo(List.of(
                            new Wrong("If-Match", "must be the version from the ETag, e.g. \"3\"; was *")));
                    assertThat(e.problems()).isEmpty();
                    assertThat(e).hasMessage("If-Match: must be the version from the ETag, e.g. \"3\"; was *");
                });
    }

    @Test
    void aVersionTooLargeForTheRecordsTypeIsRefusedLikeAnyMalformedOne() {
        assertThatThrownBy(() -> Versions.ifMatch("\"3000000000\"", Integer::valueOf, Wrong::new))
                .isInstanceOf(DefinitionRefusedException.class);
        Long large = Versions.ifMatch("\"3000000000\"", Long::valueOf, Wrong::new);
        assertThat(large).isEqualTo(3_000_000_000L);
    }
}
