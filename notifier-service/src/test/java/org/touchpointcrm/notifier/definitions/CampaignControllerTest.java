package org.touchpointcrm.notifier.definitions;

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
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.notifier.NotifierProblems;
import org.touchpointcrm.notifier.access.NotifierRoutes;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.json.JsonMapper;

/**
 * The marketers' REST contract for campaigns, through the API-key filter, over a producer that hands
 * what it is given to the catalogue, as the global store does on a running notifier. Every refusal
 * leaves the topic untouched.
 */
class CampaignControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String MARKETER = "test-key-marketer";
    private static final String ANALYST = "test-key-analyst";
    private static final String WELCOME = """
            {"id": "welcome-new", "name": "Welcome", "description": "Three days after the first purchase",
             "trigger": {"segmentId": "new", "change": "ENTERED", "delay": "P3D"},
             "audience": "has(profile.master) && profile.master.country == 'FI'",
             "channels": ["EMAIL", "SMS"], "consentPurpose": "marketing", "defaultLanguage": "fi",
             "templates": [
               {"channel": "EMAIL", "language": "fi", "subject": "Tervetuloa {{profile.master.firstName}}",
                "htmlBody": "<p>Hei {{profile.master.firstName}}!</p>", "textBody": "Hei {{profile.master.firstName}}!"},
               {"channel": "EMAIL", "language": "en", "subject": "Welcome {{profile.master.firstName}}",
                "htmlBody": "<p>Hi {{profile.master.firstName}}!</p>", "textBody": "Hi {{profile.master.firstName}}!"},
               {"channel": "SMS", "language": "fi", "textBody": "Tervetuloa asiakkaaksi, {{profile.master.firstName}}!"}],
             "startAt": "2026-12-01T00:00:00Z", "endAt": "2027-03-01T00:00:00Z",
             "frequencyCap": {"maxMessages": 1, "period": "P30D"}, "holdoutPercent": 10}""";

    private final CampaignCatalogue catalogue = new CampaignCatalogue();
    /** What reached the topic, in order. */
    private final List<CampaignDefinition> written = new ArrayList<>();
    private final MockMvcTester mvc;

    CampaignControllerTest() {
        JsonMapper json = JsonMapper.builder().build();
        var writer = new CampaignWriter(catalogue, new ProfileRuleCompiler(),
                new CampaignPublisher(new KafkaTemplate<>(new MockProducerFactory<>(() -> new MockProducer<>(true, null,
                        new StringSerializer(), readBackByTheCatalogue()))), catalogue),
                Clock.fixed(NOW, ZoneOffset.UTC));
        var keys = new ApiKeys(() -> List.of(
                key("marketer", MARKETER, Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE),
                key("analyst", ANALYST, Operation.CAMPAIGNS_READ),
                key("segmenter", "test-key-segmenter", Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE)));
        mvc = MockMvcTester.of(List.of(new CampaignController(catalogue, writer)),
                standalone -> standalone.setControllerAdvice(new NotifierProblems())
                        .addFilters(new ApiKeyFilter(keys, NotifierRoutes.ROUTES, json)).build());
    }

    @Test
    void aCreatedCampaignIsWrittenOnceAsADraftWithTheKeyAsOwnerAndReadBack() {
        MvcTestResult created = post("/v1/campaigns", WELCOME, MARKETER);

        assertThat(created).hasStatus(HttpStatus.CREATED)
                .hasHeader(HttpHeaders.LOCATION, "/v1/campaigns/welcome-new")
                .hasHeader(HttpHeaders.ETAG, "\"1\"");
        assertThat(created).bodyJson().isLenientlyEqualTo("""
                {"id": "welcome-new", "owner": "marketer", "version": 1, "status": "DRAFT",
                 "trigger": {"segmentId": "new", "change": "ENTERED", "delay": "P3D"},
                 "channels": ["EMAIL", "SMS"], "holdoutPercent": 10,
                 "frequencyCap": {"maxMessages": 1, "period": "P30D"},
                 "createdAt": "2026-11-23T10:00:00Z", "changedAt": "2026-11-23T10:00:00Z"}""");
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.getTemplates()).hasSize(3);
            assertThat(record.getAudience()).contains("profile.master.country");
        });
        assertThat(mvc.get().uri("/v1/campaigns/welcome-new").header("X-Api-Key", ANALYST).exchange())
                .hasStatusOk().hasHeader(HttpHeaders.ETAG, "\"1\"")
                .bodyJson().extractingPath("$.templates[2].textBody").asString().contains("Tervetuloa");
    }

    @Test
    void missingAndMalformedFieldsAreNamedEachAndNothingIsWritten() {
        MvcTestResult refused = post("/v1/campaigns", """
                {"id": "welcome-new", "trigger": {"segmentId": "New Customers", "change": "ENTERED", "delay": "3 days"},
                 "channels": ["EMAIL", "WEB"], "consentPurpose": "marketing", "defaultLanguage": "finnish",
                 "templates": [{"channel": "EMAIL", "language": "fi", "subject": "s", "textBody": "t"}],
                 "startAt": "2027-01-01T00:00:00Z", "endAt": "2026-12-01T00:00:00Z",
                 "frequencyCap": {"maxMessages": 0, "period": "P30D"}, "holdoutPercent": 60}""", MARKETER);

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.errors[*].field").asArray().containsExactlyInAnyOrder(
                "name", "trigger.segmentId", "trigger.delay", "channels", "defaultLanguage", "templates[0].htmlBody",
                "endAt", "frequencyCap.maxMessages", "holdoutPercent");
        assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("P3D");
        assertThat(post("/v1/campaigns", WELCOME.replace("welcome-new", "Welcome New"), MARKETER))
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].field").isEqualTo("id");
        assertThat(written).isEmpty();
    }

    @Test
    void anAudienceRuleThatDoesNotCompileIsRefusedWithLineAndColumnAndNeverWritten() {
        MvcTestResult refused = post("/v1/campaigns", WELCOME.replace(
                "has(profile.master) && profile.master.country == 'FI'",
                "profile.purchases.count >= 1 &&\\n profile.purchases.cuont > 1"), MARKETER);

        assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].part").isEqualTo("audience");
        assertThat(refused).bodyJson().extractingPath("$.problems[0].line").isEqualTo(2);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].column").isEqualTo(20);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString().contains("cuont", "count");
        assertThat(written).isEmpty();
    }

    @Test
    void aTemplateNamingAnUnknownVariableIsRefusedWithTemplateLineAndNameAndNeverWritten() {
        MvcTestResult refused = post("/v1/campaigns", WELCOME.replace("<p>Hi {{profile.master.firstName}}!</p>",
                "<p>Hi,</p>\\n<p>{{profile.master.frstName}}</p>"), MARKETER);

        assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused).bodyJson().isLenientlyEqualTo("""
                {"problems": [{"part": "templates[EMAIL/en].htmlBody", "line": 2, "column": 4}]}""");
        assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString()
                .contains("profile.master.frstName", "did you mean 'profile.master.firstName'");
        assertThat(written).isEmpty();
    }

    @Test
    void aChannelWithoutATemplateInTheDefaultLanguageIsRefused() {
        MvcTestResult refused = post("/v1/campaigns", WELCOME.replace("\"defaultLanguage\": \"fi\"",
                "\"defaultLanguage\": \"en\""), MARKETER);

        assertThat(refused).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString()
                .contains("SMS has no template in the default language 'en'");
        assertThat(written).isEmpty();
    }

    @Test
    void anExistingIdIsNotCreatedAgainEvenWhenEnded() {
        post("/v1/campaigns", WELCOME, MARKETER);
        assertThat(delete("/v1/campaigns/welcome-new", "\"1\"")).hasStatusOk().bodyJson()
                .isLenientlyEqualTo("{\"status\": \"ENDED\", \"version\": 2}");

        MvcTestResult again = post("/v1/campaigns", WELCOME, MARKETER);

        assertThat(again).hasStatus(HttpStatus.CONFLICT);
        assertThat(again).bodyJson().extractingPath("$.detail").asString().contains("(ended)", "PUT");
        assertThat(written).hasSize(2);
    }

    @Test
    void aChangeGetsTheNextVersionAndAStaleIfMatchIsRefused() {
        post("/v1/campaigns", WELCOME, MARKETER);
        String active = WELCOME.replace("\"id\": \"welcome-new\", ", "").replace("\"holdoutPercent\": 10",
                "\"holdoutPercent\": 10, \"status\": \"ACTIVE\"");

        assertThat(put("/v1/campaigns/welcome-new", active, "\"1\"")).hasStatusOk()
                .hasHeader(HttpHeaders.ETAG, "\"2\"").bodyJson().extractingPath("$.status").isEqualTo("ACTIVE");
        MvcTestResult stale = put("/v1/campaigns/welcome-new", WELCOME, "\"1\"");

        assertThat(stale).hasStatus(HttpStatus.PRECONDITION_FAILED);
        assertThat(stale).bodyJson().extractingPath("$.detail").asString().contains("version 2");
        assertThat(written).extracting(CampaignDefinition::getVersion).containsExactly(1L, 2L);
    }

    @Test
    void anUnchangedCampaignIsNotWrittenAgain() {
        post("/v1/campaigns", WELCOME, MARKETER);

        assertThat(put("/v1/campaigns/welcome-new", WELCOME, null)).hasStatusOk()
                .bodyJson().extractingPath("$.version").isEqualTo(1);
        assertThat(written).hasSize(1);
    }

    @Test
    void theListCanBeNarrowedByStatusAndAnUnknownIdIsA404() {
        post("/v1/campaigns", WELCOME, MARKETER);
        post("/v1/campaigns", WELCOME.replace("welcome-new", "win-back").replace("\"holdoutPercent\": 10",
                "\"holdoutPercent\": 10, \"status\": \"ACTIVE\""), MARKETER);

        assertThat(mvc.get().uri("/v1/campaigns?status=ACTIVE").header("X-Api-Key", ANALYST).exchange())
                .bodyJson().extractingPath("$[*].id").asArray().containsExactly("win-back");
        assertThat(mvc.get().uri("/v1/campaigns").header("X-Api-Key", ANALYST).exchange())
                .bodyJson().extractingPath("$[*].id").asArray().containsExactly("welcome-new", "win-back");
        assertThat(mvc.get().uri("/v1/campaigns/summer").header("X-Api-Key", ANALYST).exchange())
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(put("/v1/campaigns/summer", WELCOME, null)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(catalogue.find("win-back")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo(CampaignStatus.ACTIVE));
    }

    @Test
    void validateChecksWithoutWriting() {
        assertThat(post("/v1/campaigns:validate", WELCOME, MARKETER)).hasStatusOk()
                .bodyJson().extractingPath("$.valid").isEqualTo(true);
        assertThat(post("/v1/campaigns:validate", WELCOME.replace("{{profile.master.firstName}}!\"}]",
                "{{profile.nope}}\"}]"), MARKETER)).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(written).isEmpty();
    }

    @Test
    void renderShowsATemplateOverASampleProfileEscapingOnlyTheHtml() {
        MvcTestResult rendered = post("/v1/campaigns:render", """
                {"template": {"channel": "EMAIL", "language": "fi", "subject": "Hei {{profile.master.firstName}}",
                  "htmlBody": "<p>Hei {{profile.master.firstName}}</p>", "textBody": "Hei {{profile.master.firstName}}"},
                 "profile": {"master": {"firstName": "Aino & Eero"}}}""", MARKETER);

        assertThat(rendered).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"subject": "Hei Aino & Eero", "htmlBody": "<p>Hei Aino &amp; Eero</p>", "textBody": "Hei Aino & Eero"}""");
        assertThat(post("/v1/campaigns:render", """
                {"template": {"channel": "SMS", "textBody": "Hei {{profile.frstName}}"}, "profile": {}}""", MARKETER))
                .hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(written).isEmpty();
    }

    @Test
    void readingNeedsTheReadScopeAndWritingTheWriteScope() {
        assertThat(mvc.get().uri("/v1/campaigns").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc.get().uri("/v1/campaigns").header("X-Api-Key", "test-key-segmenter").exchange())
                .hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.detail").asString()
                .contains("'segmenter' may not read campaigns");
        MvcTestResult forbidden = post("/v1/campaigns", WELCOME, ANALYST);
        assertThat(forbidden).hasStatus(HttpStatus.FORBIDDEN).bodyJson().extractingPath("$.detail").asString()
                .contains("'analyst' may not change campaigns");
        for (String path : List.of("/v1/campaigns:validate", "/v1/campaigns:render")) {
            assertThat(post(path, WELCOME, ANALYST)).as(path).hasStatus(HttpStatus.FORBIDDEN);
        }
        assertThat(mvc.delete().uri("/v1/campaigns/welcome-new").header("X-Api-Key", ANALYST).exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
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

    private static AccessProperties.Key key(String name, String key, Operation... operations) {
        return new AccessProperties.Key(name, ApiKeys.sha256Hex(key), Set.of(), Set.of(operations), 0);
    }

    /** What the global store does on a running notifier: every written campaign reaches the catalogue. */
    private Serializer<SpecificRecord> readBackByTheCatalogue() {
        return (topic, record) -> {
            assertThat(topic).isEqualTo(Topics.CAMPAIGNS.name());
            written.add((CampaignDefinition) record);
            catalogue.apply((CampaignDefinition) record);
            return new byte[0];
        };
    }
}
