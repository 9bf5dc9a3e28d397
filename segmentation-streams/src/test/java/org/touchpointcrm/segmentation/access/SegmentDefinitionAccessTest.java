package org.touchpointcrm.segmentation.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.AccessProperties.Key;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may read and write segment definitions: the marketers' keys on {@code /v1/segment-definitions},
 * in front of a stand-in controller; the profile query needs a key of its own (SegmentationRoutesTest
 * asks every route). The web layer is
 * configured here rather than from SegmentationApplication, whose {@code @EnableKafkaStreams} would
 * want a broker.
 */
@WebMvcTest
@ContextConfiguration(classes = {SegmentationAccessConfiguration.class,
        SegmentDefinitionAccessTest.MarketerKeys.class, SegmentDefinitionAccessTest.StandInRoutes.class})
class SegmentDefinitionAccessTest {

    /** May read and write definitions. */
    static final String MARKETER_KEY = "test-key-marketer";
    /** May only read them. */
    static final String ANALYST_KEY = "test-key-analyst";
    /** A till's key, known here but for touchpoints only. */
    static final String TILL_KEY = "test-key-till";

    private static final String DEFINITION = """
            {"id": "lapsed-regulars", "version": 1, "name": "Lapsed regulars",
             "rule": "profile.windows.purchases365d >= 3"}""";
    /** Every route that writes: method and path. */
    private static final String[][] WRITES = {
            {"POST", "/v1/segment-definitions"},
            {"PUT", "/v1/segment-definitions/lapsed-regulars"},
            {"DELETE", "/v1/segment-definitions/lapsed-regulars"},
            {"POST", "/v1/segment-definitions:validate"},
            {"POST", "/v1/segment-definitions:preview"}};

    @Autowired
    private MockMvcTester mvc;

    @Test
    void withoutAKeyTheDefinitionsAreUnauthorizedAndTheAnswerSaysHowToSendOne() {
        MvcTestResult result = mvc.get().uri("/v1/segment-definitions").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED).hasHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Authorization: Bearer KEY");
    }

    @Test
    void anUnknownKeyIsUnauthorizedAndNeverEchoed() {
        MvcTestResult result = mvc.get().uri("/v1/segment-definitions").header(HttpHeaders.AUTHORIZATION,
                "Bearer not-a-key-we-know").exchange();

        assertThat(result).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(result).bodyText().doesNotContain("not-a-key-we-know").contains("not known");
    }

    @Test
    void aKeyWithoutSegmentsWriteMayNotCreateAndIsToldWhichKeyMayNotDoWhat() {
        MvcTestResult result = write("POST", "/v1/segment-definitions", ANALYST_KEY);

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .isEqualTo("API key 'analyst' may not change segment definitions; ask the CRM team to extend its scope");
    }

    @Test
    void changingRetiringValidatingAndPreviewingAllNeedSegmentsWrite() {
        for (String[] route : WRITES) {
            assertThat(write(route[0], route[1], ANALYST_KEY)).as(route[0] + " " + route[1])
                    .hasStatus(HttpStatus.FORBIDDEN);
            assertThat(write(route[0], route[1], MARKETER_KEY)).as(route[0] + " " + route[1])
                    .hasStatus(HttpStatus.OK).bodyText().isEqualTo(route[0] + " " + route[1] + " by marketer");
        }
    }

    @Test
    void aKeyWithSegmentsReadMayListAndReadTheDefinitions() {
        assertThat(read("/v1/segment-definitions", ANALYST_KEY)).hasStatus(HttpStatus.OK)
                .bodyText().isEqualTo("GET /v1/segment-definitions by analyst");
        assertThat(read("/v1/segment-definitions/lapsed-regulars", ANALYST_KEY)).hasStatus(HttpStatus.OK);
    }

    @Test
    void aKeyWithOtherScopesMayNotEvenRead() {
        MvcTestResult result = read("/v1/segment-definitions", TILL_KEY);

        assertThat(result).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("'till' may not read segments");
    }

    @Test
    void theMarketersKeyMayCreateADefinition() {
        MvcTestResult result = write("POST", "/v1/segment-definitions", MARKETER_KEY);

        assertThat(result).hasStatus(HttpStatus.OK).bodyText().isEqualTo("POST /v1/segment-definitions by marketer");
    }

    @Test
    void theSegmentsNeedAKeyAndAMarketersKeyDoesNotReadProfiles() {
        assertThat(mvc.get().uri("/v1/segments").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(read("/v1/segments", ANALYST_KEY)).hasStatus(HttpStatus.OK)
                .bodyText().isEqualTo("GET /v1/segments by analyst");
        assertThat(mvc.get().uri("/v1/customers/c-1/profile").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(read("/v1/customers/c-1/profile", MARKETER_KEY)).hasStatus(HttpStatus.FORBIDDEN)
                .bodyJson().extractingPath("$.detail").asString().contains("may not read customer profiles");
    }

    @Test
    void aPathParameterDoesNotSmuggleARequestPastTheKeyCheck() {
        assertThat(mvc.post().uri("/v1;x=1/segment-definitions").contentType(MediaType.APPLICATION_JSON)
                .content(DEFINITION).exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
    }

    private MvcTestResult read(String path, String key) {
        return mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key).exchange();
    }

    private MvcTestResult write(String method, String path, String key) {
        return mvc.method(HttpMethod.valueOf(method)).uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content(DEFINITION).exchange();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MarketerKeys {

        @Bean
        SegmentationAccessProperties segmentationAccessProperties() {
            return new SegmentationAccessProperties(List.of(
                    new Key("marketer", ApiKeys.sha256Hex(MARKETER_KEY), Set.of(),
                            Set.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE), 0),
                    new Key("analyst", ApiKeys.sha256Hex(ANALYST_KEY), Set.of(), Set.of(Operation.SEGMENTS_READ), 0),
                    new Key("till", ApiKeys.sha256Hex(TILL_KEY), Set.of(), Set.of(Operation.TOUCHPOINTS_WRITE), 0)), null);
        }
    }

    /**
     * Stands in for the segment-definitions controller (written elsewhere) and for two of the open
     * routes; each answers which route was called and by whose key.
     */
    @RestController
    static class StandInRoutes {

        @GetMapping({"/v1/segment-definitions", "/v1/segment-definitions/{id}", "/v1/segments",
                "/v1/customers/{customerId}/profile"})
        String read(HttpServletRequest request,
                    @RequestAttribute(name = ApiClient.REQUEST_ATTRIBUTE, required = false) ApiClient client) {
            return called(request, client);
        }

        @PostMapping({"/v1/segment-definitions", "/v1/segment-definitions:validate", "/v1/segment-definitions:preview"})
        String create(HttpServletRequest request,
                      @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
            return called(request, client);
        }

        @PutMapping("/v1/segment-definitions/{id}")
        String change(HttpServletRequest request,
                      @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
            return called(request, client);
        }

        @DeleteMapping("/v1/segment-definitions/{id}")
        String retire(HttpServletRequest request,
                      @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
            return called(request, client);
        }

        private static String called(HttpServletRequest request, ApiClient client) {
            return request.getMethod() + " " + request.getRequestURI() + " by " + (client == null ? "nobody" : client.name());
        }
    }
}
