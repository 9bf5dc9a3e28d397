package org.touchpointcrm.segmentation.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.touchpointcrm.access.AccessProperties.Key;
import org.touchpointcrm.access.ApiKeyFilter;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;

import tools.jackson.databind.json.JsonMapper;

/** The marketers' keys as configured under {@code crm.segmentation.access}, and the filter they make. */
class SegmentationAccessConfigurationTest {

    private static final String DIGEST = ApiKeys.sha256Hex("test-key-marketer");

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(BindProperties.class, SegmentationAccessConfiguration.class)
            .withBean(JsonMapper.class, () -> JsonMapper.builder().build());

    @Test
    void aMarketersKeyNeedsNoChannelsAndGuardsTheDefinitions() {
        context.withPropertyValues("crm.segmentation.access.keys[0].name=marketer",
                        "crm.segmentation.access.keys[0].sha256=" + DIGEST,
                        "crm.segmentation.access.keys[0].operations=SEGMENTS_READ,SEGMENTS_WRITE")
                .run(started -> {
                    assertThat(started.getBean(SegmentationAccessProperties.class).keys()).containsExactly(
                            new Key("marketer", DIGEST, Set.of(), Set.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE), 0));
                    assertThat(started).hasSingleBean(ApiKeyFilter.class);
                    assertThat(started.getBean(ApiKeys.class).find("test-key-marketer")).isPresent();
                });
    }

    @Test
    void aKeyConfiguredAsItselfInsteadOfItsDigestStopsTheStartAndSaysWhatIsWanted() {
        context.withPropertyValues("crm.segmentation.access.keys[0].name=marketer",
                        "crm.segmentation.access.keys[0].sha256=test-key-marketer",
                        "crm.segmentation.access.keys[0].operations=SEGMENTS_READ")
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("keys[0].sha256")
                        .hasMessageContaining("64 lower-case hex digits of the key's SHA-256"));
    }

    @EnableConfigurationProperties(SegmentationAccessProperties.class)
    static class BindProperties {
    }
}
