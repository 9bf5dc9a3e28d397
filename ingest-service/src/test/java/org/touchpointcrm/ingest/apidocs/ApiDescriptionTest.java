package org.touchpointcrm.ingest.apidocs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.core.properties.SwaggerUiConfigProperties;
import org.springdoc.core.properties.SwaggerUiOAuthProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springdoc.webmvc.ui.SwaggerConfig;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.IngestWebTestConfiguration;
import org.touchpointcrm.ingest.touchpoints.TouchpointBatchController;
import org.touchpointcrm.ingest.touchpoints.TouchpointController;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description as springdoc makes it from the touchpoint controllers: complete, and true.
 * The service serves it on its management port ({@code /actuator/openapi}, {@code springdoc.use-management-port}),
 * where the key filter of the public port does not apply; here it is read at springdoc's own path in the
 * application context, without that filter.
 */
@WebMvcTest({TouchpointController.class, TouchpointBatchController.class})
@AutoConfigureMockMvc(addFilters = false)
@Import({IngestWebTestConfiguration.class, ApiDescriptionConfiguration.class})
@ImportAutoConfiguration({SpringDocConfiguration.class, SpringDocConfigProperties.class,
        SpringDocWebMvcConfiguration.class, SwaggerConfig.class, SwaggerUiConfigProperties.class,
        SwaggerUiOAuthProperties.class})
class ApiDescriptionTest {

    private static final List<String> TYPES = Arrays.stream(TouchpointType.values())
            .filter(type -> type != TouchpointType.UNKNOWN).map(Enum::name).toList();

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private TouchpointValidator validator;

    @MockitoBean
    private TouchpointPublisher publisher;

    @Test
    void descriptionNamesBothTouchpointPaths() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();

        assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        JsonNode docs = apiDocs();
        assertThat(docs.path("info").path("title").asString()).contains("ingest-service");
        assertThat(docs.path("paths").path("/v1/touchpoints").has("post")).isTrue();
        assertThat(docs.path("paths").path("/v1/touchpoints:batch").has("post")).isTrue();
    }

    @Test
    void v1CallsTakeTheKeyAsBearerOrAsXApiKeyHeader() {
        JsonNode docs = apiDocs();
        JsonNode schemes = docs.path("components").path("securitySchemes");
        assertThat(schemes.path(ApiDescriptionConfiguration.BEARER_SCHEME).path("type").asString()).isEqualTo("http");
        assertThat(schemes.path(ApiDescriptionConfiguration.BEARER_SCHEME).path("scheme").asString()).isEqualTo("bearer");
        assertThat(schemes.path(ApiDescriptionConfiguration.HEADER_SCHEME).path("type").asString()).isEqualTo("apiKey");
        assertThat(schemes.path(ApiDescriptionConfiguration.HEADER_SCHEME).path("in").asString()).isEqualTo("header");
        assertThat(schemes.path(ApiDescriptionConfiguration.HEADER_SCHEME).path("name").asString()).isEqualTo("X-Api-Key");

        for (String path : List.of("/v1/touchpoints", "/v1/touchpoints:batch")) {
            JsonNode security = docs.path("paths").path(path).path("post").path("security");
            assertThat(security.size()).as(path).isEqualTo(2);
            assertThat(security.get(0).has(ApiDescriptionConfiguration.BEARER_SCHEME)).as(path).isTrue();
            assertThat(security.get(1).has(ApiDescriptionConfiguration.HEADER_SCHEME)).as(path).isTrue();
        }
    }

    @Test
    void everyAnswerIsDescribedAndErrorsAreProblems() {
        JsonNode docs = apiDocs();
        JsonNode single = docs.path("paths").path("/v1/touchpoints").path("post").path("responses");
        JsonNode batch = docs.path("paths").path("/v1/touchpoints:batch").path("post").path("responses");

        assertThat(single.propertyNames()).contains("202", "400", "401", "403", "413", "415", "429", "503");
        assertThat(batch.propertyNames()).contains("202", "400", "401", "403", "413", "415", "429", "503");
        for (String status : List.of("400", "401", "403", "413", "415", "429", "503")) {
            assertThat(single.path(status).path("content").has(MediaType.APPLICATION_PROBLEM_JSON_VALUE)).as(status).isTrue();
        }
        assertThat(batch.path("413").path("content").has(MediaType.APPLICATION_PROBLEM_JSON_VALUE)).isTrue();
    }

    @Test
    void touchpointSchemaCarriesTheValidatorsLimitsAndTheEnumsValues() {
        JsonNode request = apiDocs().path("components").path("schemas").path("TouchpointRequest");

        assertThat(request.path("properties").path("eventId").path("maxLength").asInt())
                .isEqualTo(TouchpointValidator.MAX_EVENT_ID_LENGTH);
        assertThat(values(request.path("properties").path("channel").path("enum")))
                .containsExactly("EMAIL", "SMS", "WEB", "POS");
        assertThat(values(request.path("properties").path("type").path("enum"))).containsExactlyElementsOf(TYPES);
        assertThat(values(request.path("required"))).contains("eventId", "occurredAt", "channel", "type", "customer");
    }

    @Test
    void singleTouchpointHasAnExamplePerTypeAndEachPassesTheValidator() {
        JsonNode examples = apiDocs().path("paths").path("/v1/touchpoints").path("post").path("requestBody")
                .path("content").path(MediaType.APPLICATION_JSON_VALUE).path("examples");

        assertThat(examples.propertyNames()).containsExactlyElementsOf(TYPES);
        for (String type : TYPES) {
            JsonNode value = examples.path(type).path("value");
            assertThat(value.toString()).as(type).doesNotContain(":null");
            TouchpointRequest request = json.treeToValue(value, TouchpointRequest.class);
            assertThat(validator.validate(request, "docs").getType().name()).isEqualTo(type);
        }
    }

    @Test
    void batchHasAJsonArrayAndAnNdjsonExampleThatPassTheValidator() {
        JsonNode content = apiDocs().path("paths").path("/v1/touchpoints:batch").path("post").path("requestBody")
                .path("content");

        JsonNode array = content.path(MediaType.APPLICATION_JSON_VALUE).path("examples").path("batch").path("value");
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThan(1);
        array.forEach(item -> assertThatCode(() -> validator.validate(json.treeToValue(item, TouchpointRequest.class),
                "docs")).doesNotThrowAnyException());

        String ndjson = content.path(TouchpointBatchController.NDJSON).path("examples").path("batch").path("value")
                .asString();
        List<String> lines = ndjson.lines().toList();
        assertThat(lines).hasSize(array.size());
        lines.forEach(line -> assertThatCode(() -> validator.validate(json.readValue(line, TouchpointRequest.class),
                "docs")).doesNotThrowAnyException());
    }

    @Test
    void swaggerUiIsServed() {
        assertThat(mvc.get().uri("/swagger-ui.html").exchange()).hasStatus3xxRedirection();
    }

    private JsonNode apiDocs() {
        MvcTestResult result = mvc.get().uri("/v3/api-docs").exchange();
        assertThat(result).hasStatus(HttpStatus.OK);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    private static List<String> values(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
