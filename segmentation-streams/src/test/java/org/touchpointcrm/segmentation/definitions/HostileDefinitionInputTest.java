package org.touchpointcrm.segmentation.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.access.AccessProperties.Key;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.access.SegmentationAccessConfiguration;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;
import org.touchpointcrm.segmentation.segments.SegmentsConfiguration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Hostile bodies and rules that read contact data, on segmentation's definition routes as the service
 * wires them (its JSON limits, body cap and key filter); Kafka and the profile stores are left out.
 */
@WebMvcTest
@ContextConfiguration(classes = {SegmentationAccessConfiguration.class,
        SegmentDefinitionController.class, DefinitionWriter.class, SegmentationProblems.class, SegmentsConfiguration.class,
        HostileDefinitionInputTest.Beans.class})
class HostileDefinitionInputTest {

    private static final Duration SAFETY = Duration.ofSeconds(10);
    private static final String MARKETER = "test-key-marketer";
    private static final String CONTACT_MARKETER = "test-key-contact-marketer";
    private static final String REPEAT = """
            {"id": "repeat-buyers", "name": "Repeat buyers", "rule": "profile.purchases.count >= 2"}""";

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private DefinitionPublisher publisher;

    @MockitoBean
    private SegmentPreview preview;

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        SegmentationAccessProperties segmentationAccessProperties() {
            return new SegmentationAccessProperties(List.of(
                    new Key("marketer", ApiKeys.sha256Hex(MARKETER), Set.of(),
                            Set.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE), 0),
                    new Key("crm-analyst", ApiKeys.sha256Hex(CONTACT_MARKETER), Set.of(),
                            Set.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE, Operation.CONTACTS_READ), 0)), null);
        }
    }

    @Test
    void aNumberWithAHugeExponentIsRefusedQuickly() {
        MvcTestResult result = assertTimeoutPreemptively(SAFETY, () ->
                post("/v1/segment-definitions", REPEAT.replace("}", ", \"status\": 1e600000000}"), MARKETER));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aTenMegabyteStringIsRefusedUnread() {
        MvcTestResult result = post("/v1/segment-definitions", REPEAT.replace("Repeat buyers", "x".repeat(10 * 1024 * 1024)),
                MARKETER);

        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aStringLongerThanTheJsonLimitIsA400() {
        MvcTestResult result = post("/v1/segment-definitions:validate",
                "{\"rule\": \"" + "x".repeat(200_000) + "\"}", MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(2000);
    }

    @Test
    void tenThousandDeepNestingIsA400() {
        MvcTestResult result = post("/v1/segment-definitions",
                REPEAT.replace("}", ", \"extra\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"), MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aDuplicateKeyIsA400RatherThanTheLastOneWinning() {
        MvcTestResult result = post("/v1/segment-definitions",
                REPEAT.replace("\"rule\"", "\"rule\": \"true\", \"rule\""), MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void controlCharactersInTheNameAreA400NamingTheField() {
        MvcTestResult result = post("/v1/segment-definitions", REPEAT.replace("Repeat buyers", "Repeat\\u001b[2Jbuyers"),
                MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyText().contains("name", "control character");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aRuleReadingContactFieldsNeedsTheContactsScopeAndTheRefusalNamesFieldsAndScope() {
        String probe = "{\"rule\": \"profile.email == 'aino.virtanen@example.fi' || profile.master.lastName == 'Virtanen'\"}";

        for (String route : List.of(":validate", ":preview")) {
            MvcTestResult refused = post("/v1/segment-definitions" + route, probe, MARKETER);

            assertThat(refused).as(route).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused).bodyJson().extractingPath("$.fields").asArray().containsExactly("email", "master.lastName");
            assertThat(refused).bodyJson().extractingPath("$.scope").asString().isEqualTo("CONTACTS_READ");
            assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("'marketer'", "CONTACTS_READ");
        }
        MvcTestResult created = post("/v1/segment-definitions", REPEAT.replace("profile.purchases.count >= 2",
                "profile.email.endsWith('@example.fi')"), MARKETER);
        assertThat(created).hasStatus(HttpStatus.FORBIDDEN);
        then(publisher).should(never()).publish(any());
        then(preview).shouldHaveNoInteractions();
    }

    @Test
    void withTheContactsScopeSuchARuleIsValidatedAndPresenceTestsNeedNoScope() {
        String probe = "{\"rule\": \"profile.email.endsWith('@example.fi')\"}";

        assertThat(post("/v1/segment-definitions:validate", probe, CONTACT_MARKETER)).hasStatusOk();
        assertThat(post("/v1/segment-definitions:validate", "{\"rule\": \"has(profile.email)\"}", MARKETER)).hasStatusOk();
    }

    @Test
    void aPreviewAnswersCountsAndPseudonymsAsTheMeasurementGaveThem() {
        given(preview.everywhere(any(), any())).willReturn(new SegmentPreview.Result(2, List.of("p-0011", "p-00aa"),
                10, List.of(0), 1, Instant.parse("2026-11-23T10:00:00Z")));

        assertThat(post("/v1/segment-definitions:preview", "{\"rule\": \"profile.purchases.count >= 2\"}", MARKETER))
                .hasStatusOk().bodyJson().extractingPath("$.sample").asArray().containsExactly("p-0011", "p-00aa");
    }

    private MvcTestResult post(String path, String body, String key) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
