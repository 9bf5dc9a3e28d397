package org.touchpointcrm.access.input;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Positive;

/**
 * How much of a JSON request a service reads before it refuses it, the same in every service
 * ({@code crm.input.*}). Each limit is checked while the body is read, before any field is
 * validated or any number is computed with, so a hostile body costs little.
 *
 * @param maxBodySize      a JSON (or NDJSON) request body; 413 beyond it. At least ingest's batch
 *                         limit (1 MiB), which that route checks with its own message
 * @param maxStringLength  characters of one JSON string; the longest field a service keeps (a campaign's
 *                         HTML body, 100,000 characters) must fit
 * @param maxNestingDepth  objects and arrays within each other; the deepest request needs a handful
 * @param maxNumberLength  characters of one JSON number
 * @param maxNameLength    characters of one property name
 * @param maxDecimalScale  how far the decimal point may move, either way, in a number read as a decimal
 *                         (an amount): {@code 1e600000000} is 11 characters, but would be 600 million
 *                         digits once scaled
 */
@Validated
@ConfigurationProperties("crm.input")
public record InputLimits(@DefaultValue("1MB") DataSize maxBodySize,
                          @DefaultValue("131072") @Positive int maxStringLength,
                          @DefaultValue("32") @Positive int maxNestingDepth,
                          @DefaultValue("64") @Positive int maxNumberLength,
                          @DefaultValue("256") @Positive int maxNameLength,
                          @DefaultValue("64") @Positive int maxDecimalScale) {

    /** The defaults, as a service runs with them unless configured otherwise. */
    public static InputLimits defaults() {
        return new InputLimits(DataSize.ofMegabytes(1), 131_072, 32, 64, 256, 64);
    }
}
