package org.touchpointcrm.access.input;

import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.core.Ordered;

import tools.jackson.core.ErrorReportConfiguration;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonFactoryBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link InputLimits} on the service's one {@link JsonMapper}, the one Spring MVC reads request
 * bodies with: Jackson's {@link StreamReadConstraints} (string, number and name length, nesting depth),
 * a duplicate property refused rather than the last one silently winning
 * ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}), parse errors quoting at most
 * {@value BoundedText#QUOTE_LENGTH} characters of the input, and decimals bounded in scale
 * ({@link BoundedDecimals}). Ordered last, so that it wins over Boot's own
 * {@code spring.jackson.factory.constraints.*}: {@code crm.input.*} is the one place to set them.
 */
public final class JsonLimits implements JsonFactoryBuilderCustomizer, JsonMapperBuilderCustomizer, Ordered {

    private final InputLimits limits;

    public JsonLimits(InputLimits limits) {
        this.limits = limits;
    }

    /** A mapper with the limits, for code and tests that build their own rather than take the service's. */
    public static JsonMapper mapper(InputLimits limits) {
        JsonLimits json = new JsonLimits(limits);
        JsonFactoryBuilder factory = JsonFactory.builder();
        json.customize(factory);
        JsonMapper.Builder mapper = JsonMapper.builder(factory.build());
        json.customize(mapper);
        return mapper.build();
    }

    @Override
    public void customize(JsonFactoryBuilder factory) {
        factory.streamReadConstraints(StreamReadConstraints.builder()
                        .maxStringLength(limits.maxStringLength())
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxNumberLength(limits.maxNumberLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxDocumentLength(limits.maxBodySize().toBytes())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .errorReportConfiguration(ErrorReportConfiguration.builder()
                        .maxErrorTokenLength(BoundedText.QUOTE_LENGTH)
                        .maxRawContentLength(BoundedText.QUOTE_LENGTH)
                        .build());
    }

    @Override
    public void customize(JsonMapper.Builder mapper) {
        mapper.addModule(BoundedDecimals.module(limits.maxDecimalScale()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
