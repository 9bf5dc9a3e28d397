package org.touchpointcrm.ingest.apidocs;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.touchpoints.TouchpointBatchController;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI description, served on the management port at {@code /actuator/openapi} (and Swagger UI
 * at {@code /actuator/swagger-ui}; {@code springdoc.use-management-port}): what the controllers' annotations say, plus the API-key schemes on every {@code /v1} call, the
 * allowed channels and types from the enums, and an example request per touchpoint type.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescriptionConfiguration {

    /** {@code Authorization: Bearer KEY}. */
    public static final String BEARER_SCHEME = "apiKeyBearer";
    /** {@code X-Api-Key: KEY}, the alternative for clients that cannot set Authorization. */
    public static final String HEADER_SCHEME = "apiKeyHeader";
    static final String API_KEY_HEADER = "X-Api-Key";
    static final String TOUCHPOINTS_PATH = "/v1/touchpoints";
    static final String BATCH_PATH = "/v1/touchpoints:batch";

    @Bean
    OpenAPI ingestOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Touchpoint CRM ingest-service")
                        .version("v1")
                        .description("""
                                The front door for channel systems: touchpoints (and customer master data) over \
                                HTTP, answered once Kafka has stored them on all in-sync replicas. Every /v1 call \
                                needs the channel system's API key. Errors are RFC 9457 problems \
                                (application/problem+json) naming every failing field. See docs/ingest.md."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("The channel system's API key as 'Authorization: Bearer KEY'"))
                        .addSecuritySchemes(HEADER_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name(API_KEY_HEADER)
                                .description("The same key as 'X-Api-Key: KEY'")));
    }

    @Bean
    OpenApiCustomizer ingestApiCustomizer(Clock clock, JsonMapper mapper) {
        // Examples leave out what a sender would not send: no nulls, no empty attributes.
        JsonMapper json = mapper.rebuild()
                .changeDefaultPropertyInclusion(inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_EMPTY))
                .build();
        return openApi -> {
            Instant now = clock.instant();
            requireApiKeyOnV1(openApi);
            constrainTouchpointSchema(openApi);
            addSingleExamples(openApi, TouchpointExamples.at(now), json);
            addBatchExamples(openApi, TouchpointExamples.batch(now), json);
        };
    }

    /** Either scheme will do (two requirements are alternatives); the key filter guards /v1 only. */
    private static void requireApiKeyOnV1(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.readOperations().forEach(operation -> operation.security(List.of(
                        new SecurityRequirement().addList(BEARER_SCHEME),
                        new SecurityRequirement().addList(HEADER_SCHEME))));
            }
        });
    }

    /** Values the validator accepts, taken from the code rather than written twice. */
    private static void constrainTouchpointSchema(OpenAPI openApi) {
        Map<String, Schema> schemas = openApi.getComponents() == null ? null : openApi.getComponents().getSchemas();
        Schema<?> request = schemas == null ? null : schemas.get(TouchpointRequest.class.getSimpleName());
        if (request == null || request.getProperties() == null) {
            return;
        }
        setEnum(request.getProperties().get("channel"), names(Channel.values()));
        setEnum(request.getProperties().get("type"), names(TouchpointType.values()));
        Schema<?> amount = request.getProperties().get("amount");
        if (amount != null) {
            amount.setMinimum(BigDecimal.ZERO);
            amount.setMultipleOf(BigDecimal.ONE.movePointLeft(TouchpointValidator.AMOUNT_SCALE));
        }
        request.setRequired(List.of("eventId", "occurredAt", "channel", "type", "customer"));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void setEnum(Schema schema, List<String> values) {
        if (schema != null) {
            schema.setEnum(values);
        }
    }

    /** The validator refuses UNKNOWN: it is only the Avro reader's fallback. */
    static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).filter(n -> !"UNKNOWN".equals(n)).toList();
    }

    private static void addSingleExamples(OpenAPI openApi, Map<TouchpointType, TouchpointRequest> examples,
                                          JsonMapper json) {
        requestContent(openApi, TOUCHPOINTS_PATH, MediaType.APPLICATION_JSON_VALUE).ifPresent(media -> {
            var named = new LinkedHashMap<String, Example>();
            examples.forEach((type, request) -> named.put(type.name(), new Example()
                    .summary(type.name() + " (" + request.channel() + ")")
                    .value(asJsonNode(json.writeValueAsString(request)))));
            media.setExamples(named);
        });
    }

    private static void addBatchExamples(OpenAPI openApi, List<TouchpointRequest> batch, JsonMapper json) {
        requestContent(openApi, BATCH_PATH, MediaType.APPLICATION_JSON_VALUE).ifPresent(media ->
                media.setExamples(Map.of("batch", new Example()
                        .summary("Three till touchpoints as a JSON array")
                        .value(asJsonNode(json.writeValueAsString(batch))))));
        requestContent(openApi, BATCH_PATH, TouchpointBatchController.NDJSON).ifPresent(media ->
                media.setExamples(Map.of("batch", new Example()
                        .summary("The same touchpoints, one JSON document per line")
                        .value(batch.stream().map(json::writeValueAsString)
                                .collect(Collectors.joining("\n", "", "\n"))))));
    }

    private static java.util.Optional<io.swagger.v3.oas.models.media.MediaType> requestContent(
            OpenAPI openApi, String path, String mediaType) {
        return java.util.Optional.ofNullable(openApi.getPaths())
                .map(paths -> paths.get(path))
                .map(item -> item.getPost())
                .map(Operation::getRequestBody)
                .map(RequestBody::getContent)
                .map((Content content) -> content.get(mediaType));
    }

    /**
     * springdoc writes the description with swagger's own (Jackson 2) mapper; the example is written
     * by the service's mapper, so it shows exactly the JSON the service reads, nulls left out.
     */
    private static Object asJsonNode(String jsonText) {
        try {
            return Json.mapper().readTree(jsonText);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an example is not valid JSON: " + jsonText, e);
        }
    }
}
