package org.touchpointcrm.segmentation.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiKeyFilter;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.access.SegmentationRoutes;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;

import tools.jackson.databind.json.JsonMapper;

/**
 * The marketers' REST contract for segment definitions, through the API-key filter, over a producer
 * that hands what it is given to the catalogue, as the global store does on a running pipeline.
 */
class SegmentDefinitionControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String MARKETER = "test-key-marketer";
    private static final String ANALYST = "test-key-analyst";
    private static final String REPEAT = """
            {"id": "repeat-buyers", "name": "Repeat buyers", "description": "Two purchases or more",
             "rule": "profile.purchases.count >= 2"}""";

    private final ProfileRuleCompiler compiler = new ProfileRuleCompiler();
    private final SegmentCatalogue catalogue = new SegmentCatalogue(compiler);
    /** What reached the topic, in order. */
    private final List<SegmentDefinition> written = new ArrayList<>();
    private final MockMvcTester mvc;

    SegmentDefinitionControllerTest() {
        JsonMapper json = JsonMapper.builder().build();
        var writer = new DefinitionWriter(catalogue, compiler,
                new DefinitionPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> new MockProducer<>(true, null,
                        new StringSerializer(), readBackByTheCatalogue()))), catalogue),
                Clock.fixed(NOW, ZoneOffset.UTC));
        var keys = new ApiKeys(() -> List.of(
                key("marketer", MARKETER, Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE),
                key("analyst", ANALYST, Operation.SEGMENTS_READ)));
        mvc = MockMvcTester.of(List.of(new SegmentDefinitionController(catalogue, writer, null, json)),
                standalone -> standalone.setControllerAdvice(new SegmentationProblems())
                        .addFilters(new ApiKeyFilter(keys, SegmentationRoutes.ROUTES, json)).build());
    }

    @Test
    void aCreatedSegmentIsWrittenOnceWithWhatTheCompilerDerivedAndTheKeyAsOwner() {
        MvcTestResult created = post("/v1/segment-definitions", REPEAT, MARKETER);

        assertThat(created).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "/v1/segment-definitions/repeat-buyers")
                .hasHeader(HttpHeaders.ETAG, "\"1\"");
        assertThat(created).bodyJson().isLenientlyEqualTo("""
                {"id": "repeat-buyers", "name": "Repeat buyers", "description": "Two purchases or more",
                 "rule": "profile.purchases.count >= 2", "owner": "marketer", "version": 1, "status": "ACTIVE",
                 "dependsOnTime": false, "fieldsRead": ["purchases"],
                 "createdAt": "2026-11-23T10:00:00Z", "changedAt": "2026-11-23T10:00:00Z"}""");
        assertThat(written).singleElement().satisfies(record ->
                assertThat(record.getFieldsRead()).containsExactly("purchases"));
        assertThat(mvc.get().uri("/v1/segment-definitions/repeat-buyers").header("X-Api-Key", ANALYST).exchange())
                .hasStatusOk().bodyJson().extractingPath("$.version").isEqualTo(1);
    }

    @Test
    void aRuleThatDoesNotCompileIsRefusedWithLineColumnAndMessageAndNeverWritten() {
        MvcTestResult refused = post("/v1/segment-definitions", """
                {"id": "repeat-buyers", "name": "Repeat buyers",
                 "rule": "profile.purchases.count >= 2 &&\\n profile.purchases.cuont > 1"}""", MARKETER);

        assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].line").isEqualTo(2);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString()
                .contains("cuont", "count");
        assertThat(written).isEmpty();
    }

    @Test
    void aRuleOfTheWrongTypeIsRefused() {
        MvcTestResult refused = post("/v1/segment-definitions", """
                {"id": "counted", "name": "Counted", "rule": "profile.purchases.count"}""", MARKETER);

        assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString()
                .contains("type bool", "gives int");
        assertThat(written).isEmpty();
    }

    @Test
    void hostileRulesAreRefusedBeforeTheyReachTheTopic() {
        String deep = "(".repeat(200) + "true" + ")".repeat(200);
        String huge = "profile.purchases.count >= 1" + " || profile.purchases.count >= 1".repeat(2000);
        for (String rule : List.of(deep, huge, "profile.getClass().forName('java.lang.Runtime')",
                "has(profile.email) && \"x\".matches(profile.email)")) {
            MvcTestResult refused = post("/v1/segment-definitions", json(rule), MARKETER);
            assertThat(refused).as(rule.substring(0, Math.min(60, rule.length())))
                    .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        assertThat(written).isEmpty();
    }

    @Test
    void missingAndMalformedFieldsAreNamedEachAndNothingIsWritten() {
        MvcTestResult refused = post("/v1/segment-definitions", """
                {"id": "Repeat Buyers", "rule": "profile.purchases.count >= 2"}""", MARKETER);

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(refused).bodyJson().extractingPath("$.errors[*].parameter").asArray()
                .containsExactlyInAnyOrder("id", "name");
        assertThat(written).isEmpty();
    }

    @Test
    void anExistingIdIsNotCreatedAgainEvenWhenRetired() {
        post("/v1/segment-definitions", REPEAT, MARKETER);
        delete("/v1/segment-definitions/repeat-buyers", null);

        MvcTestResult again = post("/v1/segment-definitions", REPEAT, MARKETER);

        assertThat(again).hasStatus(HttpStatus.CONFLICT);
        assertThat(again).bodyJson().extractingPath("$.detail").asString().contains("retired", "PUT");
    }

    @Test
    void aChangeGetsTheNextVersionAndAStaleIfMatchIsRefused() {
        post("/v1/segment-definitions", REPEAT, MARKETER);
        String changed = """
                {"name": "Repeat buyers", "description": "Three purchases or more",
                 "rule": "profile.purchases.count >= 3"}""";

        assertThat(put("/v1/segment-definitions/repeat-buyers", changed, "\"1\"")).hasStatusOk()
                .hasHeader(HttpHeaders.ETAG, "\"2\"").bodyJson().extractingPath("$.rule")
                .isEqualTo("profile.purchases.count >= 3");
        MvcTestResult stale = put("/v1/segment-definitions/repeat-buyers", REPEAT.replace("\"repeat-buyers\",", "null,"),
                "\"1\"");

        assertThat(stale).hasStatus(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale).bodyJson().extractingPath("$.detail").asString().contains("version 2");
        assertThat(written).hasSize(2);
    }

    @Test
    void anUnchangedDefinitionIsNotWrittenAgainAndPutKeepsTheStatusItDoesNotName() {
        post("/v1/segment-definitions", REPEAT.replace("}", ", \"status\": \"DRAFT\"}"), MARKETER);

        MvcTestResult same = put("/v1/segment-definitions/repeat-buyers", REPEAT, null);

        assertThat(same).hasStatusOk().bodyJson().extractingPath("$.status").isEqualTo("DRAFT");
        assertThat(same).bodyJson().extractingPath("$.version").isEqualTo(1);
        assertThat(written).hasSize(1);
    }

    @Test
    void retiringKeepsTheDefinitionWithTheNextVersionAndIsIdempotent() {
        post("/v1/segment-definitions", REPEAT, MARKETER);

        assertThat(delete("/v1/segment-definitions/repeat-buyers", "\"1\"")).hasStatusOk()
                .bodyJson().isLenientlyEqualTo("""
                        {"id": "repeat-buyers", "status": "RETIRED", "version": 2}""");
        assertThat(delete("/v1/segment-definitions/repeat-buyers", null)).hasStatusOk()
                .bodyJson().extractingPath("$.version").isEqualTo(2);
        assertThat(catalogue.entry("repeat-buyers")).hasValueSatisfying(entry ->
                assertThat(entry.definition().getStatus()).isEqualTo(SegmentStatus.RETIRED));
        assertThat(written).hasSize(2);
    }

    @Test
    void theListCanBeNarrowedByStatusAndAnUnknownIdIsA404() {
        post("/v1/segment-definitions", REPEAT, MARKETER);
        post("/v1/segment-definitions", REPEAT.replace("repeat-buyers", "drafted").replace("}", ", \"status\": \"DRAFT\"}"),
                MARKETER);

        assertThat(mvc.get().uri("/v1/segment-definitions?status=DRAFT").header("X-Api-Key", ANALYST).exchange())
                .bodyJson().extractingPath("$[*].id").asArray().containsExactly("drafted");
        assertThat(mvc.get().uri("/v1/segment-definitions").header("X-Api-Key", ANALYST).exchange())
                .bodyJson().extractingPath("$[*].id").asArray().containsExactly("drafted", "repeat-buyers");
        assertThat(mvc.get().uri("/v1/segment-definitions/vip").header("X-Api-Key", ANALYST).exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void validateCompilesOnlyAndTellsWhatTheRuleReads() {
        MvcTestResult valid = post("/v1/segment-definitions:validate", """
                {"rule": "inRegion(\\"Uusimaa\\") && daysSince(profile.purchases.lastAt) > 60"}""", MARKETER);

        assertThat(valid).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"valid": true, "fieldsRead": ["master", "purchases"], "dependsOnTime": true}""");
        assertThat(post("/v1/segment-definitions:validate", "{\"rule\": \"profile.nope\"}", MARKETER))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(written).isEmpty();
    }

    @Test
    void readingNeedsTheReadScopeAndWritingTheWriteScope() {
        assertThat(mvc.get().uri("/v1/segment-definitions").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(post("/v1/segment-definitions", REPEAT, ANALYST)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(written).isEmpty();
    }

    private MvcTestResult post(String path, String body, String key) {
        return mvc.post().uri(path).header("X-Api-Key", key).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }

    private MvcTestResult put(String path, String body, String ifMatch) {
        var request = mvc.put().uri(path).header("X-Api-Key", MARKETER).contentType(MediaType.APPLICATION_JSON)
                .content(body);
        return (ifMatch == null ? request : request.header(HttpHeaders.IF_MATCH, ifMatch)).exchange();
    }

    private MvcTestResult delete(String path, String ifMatch) {
        var request = mvc.delete().uri(path).header("X-Api-Key", MARKETER);
        return (ifMatch == null ? request : request.header(HttpHeaders.IF_MATCH, ifMatch)).exchange();
    }

    private static String json(String rule) {
        return "{\"id\": \"hostile\", \"name\": \"Hostile\", \"rule\": \""
                + rule.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }

    private static AccessProperties.Key key(String name, String key, Operation... operations) {
        return new AccessProperties.Key(name, ApiKeys.sha256Hex(key), Set.of(), Set.of(operations), 0);
    }

    /** What the global store does on a running pipeline: every written definition reaches the catalogue. */
    private Serializer<SpecificRecord> readBackByTheCatalogue() {
        return (topic, record) -> {
            assertThat(topic).isEqualTo(Topics.SEGMENT_DEFINITIONS.name());
            written.add((SegmentDefinition) record);
            catalogue.apply((SegmentDefinition) record);
            return new byte[0];
        };
    }
}
