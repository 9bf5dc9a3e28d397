package org.touchpointcrm.access.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** What the shared mapper refuses while it reads, before any code sees a value. */
class JsonLimitsTest {

    /** A safety bound, not a performance target: without the limit the exponent case takes minutes. */
    private static final Duration SAFETY = Duration.ofSeconds(10);

    private final JsonMapper json = JsonLimits.mapper(InputLimits.defaults());

    record Amount(BigDecimal amount) {
    }

    record Named(String name) {
    }

    @Test
    void aDecimalWithAHugeExponentIsRefusedAsItIsReadWithoutComputingItsDigits() {
        assertTimeoutPreemptively(SAFETY, () -> assertThatThrownBy(() -> json.readValue("{\"amount\": 1e600000000}", Amount.class))
                .isInstanceOf(JacksonException.class)
                .hasMessageContaining("decimal point moved by 600000000 places"));
    }

    @Test
    void aDecimalWithANegativeExponentIsRefusedToo() {
        assertThatThrownBy(() -> json.readValue("{\"amount\": 1e-200000}", Amount.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("at most 64");
    }

    @Test
    void anOrdinaryAmountIsReadAsWritten() {
        assertThat(json.readValue("{\"amount\": 49.90}", Amount.class).amount()).isEqualTo(new BigDecimal("49.90"));
        assertThat(json.readValue("{\"amount\": 1E+3}", Amount.class).amount()).isEqualByComparingTo("1000");
    }

    @Test
    void aStringLongerThanTheLimitIsRefused() {
        String body = "{\"name\": \"" + "x".repeat(InputLimits.defaults().maxStringLength() + 1) + "\"}";

        assertThatThrownBy(() -> json.readValue(body, Named.class)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void deepNestingIsRefused() {
        String body = "[".repeat(10_000) + "]".repeat(10_000);

        assertThatThrownBy(() -> json.readTree(body)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void aDuplicatePropertyIsRefusedRatherThanTheLastOneWinning() {
        assertThatThrownBy(() -> json.readValue("{\"name\": \"a\", \"name\": \"b\"}", Named.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("Duplicate Object property \"name\"");
    }

    @Test
    void aLongNumberIsRefused() {
        assertThatThrownBy(() -> json.readValue("{\"amount\": " + "9".repeat(1000) + "}", Amount.class))
                .isInstanceOf(JacksonException.class).hasMessageContaining("Number value length");
    }

    @Test
    void aParseErrorQuotesAShortPrefixOfTheBadTokenOnly() {
        String token = "y".repeat(10_000);

        assertThatThrownBy(() -> json.readTree("{\"name\": " + token + "}"))
                .isInstanceOf(JacksonException.class)
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(600).doesNotContain("y".repeat(100)));
    }
}
