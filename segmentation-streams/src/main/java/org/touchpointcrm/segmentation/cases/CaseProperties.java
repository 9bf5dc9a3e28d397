package org.touchpointcrm.segmentation.cases;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Cases ({@code crm.segmentation.cases}, docs/cases.md).
 *
 * @param maxRaisers raisers kept per case, each told of the reply; more are counted in raiserCount only
 */
@Validated
@ConfigurationProperties("crm.segmentation.cases")
public record CaseProperties(@Min(1) @Max(100_000) int maxRaisers) {

    /** segmentation.yml's defaults, for tests and tools. */
    public static final CaseProperties DEFAULTS = new CaseProperties(1000);
}
