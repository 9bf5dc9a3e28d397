package org.touchpointcrm.ingest.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

/** The examples of the API description are what the validator accepts: the description's rules match the code. */
class TouchpointExamplesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final TouchpointValidator VALIDATOR = new TouchpointValidator(CLOCK,
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @Test
    void everyExampleIsAValidTouchpointOfItsType() {
        Map<TouchpointType, TouchpointRequest> examples = TouchpointExamples.at(CLOCK.instant());

        examples.forEach((type, example) -> {
            assertThatCode(() -> VALIDATOR.validate(example, "docs")).as(type.name()).doesNotThrowAnyException();
            TouchpointEvent event = VALIDATOR.validate(example, "docs");
            assertThat(event.getType()).as(type.name()).isEqualTo(type);
            assertThat(event.getOccurredAt()).as(type.name()).isBeforeOrEqualTo(NOW);
        });
    }

    @Test
    void everyTouchpointTypeButUnknownHasAnExample() {
        assertThat(TouchpointExamples.at(NOW).keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(TouchpointType.values()).filter(type -> type != TouchpointType.UNKNOWN).toList());
    }

    @Test
    void eventIdsOfTheExamplesAreUniqueSoThatTriedExamplesAreNotCountedAsRetries() {
        assertThat(TouchpointExamples.at(NOW).values()).extracting(TouchpointRequest::eventId).doesNotHaveDuplicates();
    }

    @Test
    void everyItemOfTheBatchExampleIsValid() {
        assertThat(TouchpointExamples.batch(NOW)).isNotEmpty().allSatisfy(item ->
                assertThatCode(() -> VALIDATOR.validate(item, "docs")).doesNotThrowAnyException());
    }

    @Test
    void examplesFollowTheClockSoThatTheyNeverGrowTooOldToTry() {
        Instant twoYearsLater = NOW.plus(Duration.ofDays(730));
        var later = new TouchpointValidator(Clock.fixed(twoYearsLater, ZoneOffset.UTC),
                new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

        TouchpointExamples.at(twoYearsLater).forEach((type, example) ->
                assertThatCode(() -> later.validate(example, "docs")).as(type.name()).doesNotThrowAnyException());
    }
}
