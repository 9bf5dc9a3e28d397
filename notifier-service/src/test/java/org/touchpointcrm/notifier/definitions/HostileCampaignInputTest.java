package org.touchpointcrm.notifier.definitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
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
import org.touchpointcrm.notifier.NotifierProblems;
import org.touchpointcrm.notifier.access.NotifierAccessConfiguration;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;

/**
 * Hostile bodies, unescaped templates and audiences reading contact data, on the campaigns' routes as
 * the notifier wires them (its JSON limits, body cap and key filter); Kafka is left out.
 */
@WebMvcTest
@ContextConfiguration(classes = {NotifierAccessConfiguration.class,
        CampaignController.class, CampaignWriter.class, CampaignCatalogue.class, NotifierProblems.class,
        AudienceRuleConfiguration.class, HostileCampaignInputTest.Beans.class})
class HostileCampaignInputTest {

    private static final Duration SAFETY = Duration.ofSeconds(10);
    private static final String MARKETER = "test-key-marketer";
    private static final String CONTACT_MARKETER = "test-key-contact-marketer";
    private static final String WELCOME = """
            {"id": "welcome-new", "name": "Welcome",
             "trigger": {"segmentId": "new", "change": "ENTERED"},
             "channels": ["EMAIL"], "consentPurpose": "marketing", "defaultLanguage": "fi",
             "templates": [
               {"channel": "EMAIL", "language": "fi", "subject": "Tervetuloa {{profile.master.firstName}}",
                "htmlBody": "<p>Hei {{profile.master.firstName}}!</p>", "textBody": "Hei {{profile.master.firstName}}!"}],
             "holdoutPercent": 10}""";

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private CampaignPublisher publisher;

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        }

        @Bean
        NotifierAccessProperties notifierAccessProperties() {
            return new NotifierAccessProperties(List.of(
                    new Key("marketer", ApiKeys.sha256Hex(MARKETER), Set.of(),
                            Set.of(Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE), 0),
                    new Key("crm-analyst", ApiKeys.sha256Hex(CONTACT_MARKETER), Set.of(),
                            Set.of(Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE, Operation.CONTACTS_READ), 0)), null);
        }
    }

    @Test
    void aNumberWithAHugeExponentIsA400Quickly() {
        MvcTestResult result = assertTimeoutPreemptively(SAFETY, () ->
                post("/v1/campaigns:validate", WELCOME.replace("\"holdoutPercent\": 10", "\"holdoutPercent\": 1e600000000"),
                        MARKETER));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(2000);
    }

    @Test
    void aTenMegabyteStringIsRefusedUnread() {
        MvcTestResult result = post("/v1/campaigns", WELCOME.replace("Welcome", "x".repeat(10 * 1024 * 1024)), MARKETER);

        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aStringLongerThanTheJsonLimitIsA400() {
        MvcTestResult result = post("/v1/campaigns:validate", WELCOME.replace("<p>Hei", "<p>" + "x".repeat(200_000)),
                MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void tenThousandDeepNestingIsA400() {
        MvcTestResult result = post("/v1/campaigns:validate",
                WELCOME.replace("\"holdoutPercent\"", "\"extra\": " + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)
                        + ", \"holdoutPercent\""), MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
    }

    @Test
    void aDuplicateKeyIsA400() {
        MvcTestResult result = post("/v1/campaigns", WELCOME.replace("\"name\"", "\"name\": \"Other\", \"name\""), MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void controlCharactersInTheNameAndSubjectAreA400NamingEachField() {
        MvcTestResult result = post("/v1/campaigns", WELCOME.replace("\"Welcome\"", "\"Wel\\u0000come\"")
                .replace("Tervetuloa", "Tervetuloa\\u001b"), MARKETER);

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyText().contains("name", "templates[0].subject", "control character");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void aTripleStacheInTheHtmlBodyIsRefusedOnCreateValidateAndRenderNamingTheTemplateAndLine() {
        String unescaped = WELCOME.replace("<p>Hei {{profile.master.firstName}}!</p>",
                "<p>Hei</p>\\n<p>{{{profile.master.firstName}}}</p>");

        for (String path : List.of("/v1/campaigns", "/v1/campaigns:validate")) {
            MvcTestResult refused = post(path, unescaped, MARKETER);

            assertThat(refused).as(path).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(refused).bodyJson().extractingPath("$.problems[0].part").isEqualTo("templates[EMAIL/fi].htmlBody");
            assertThat(refused).bodyJson().extractingPath("$.problems[0].line").isEqualTo(2);
            assertThat(refused).bodyJson().extractingPath("$.problems[0].message").asString().contains("without HTML escaping");
        }
        MvcTestResult render = post("/v1/campaigns:render", """
                {"template": {"channel": "EMAIL", "language": "fi", "subject": "Hei",
                  "htmlBody": "<p>{{& profile.master.firstName}}</p>", "textBody": "Hei"},
                 "profile": {"master": {"firstName": "<a href=https://evil.example>Aino</a>"}}}""", MARKETER);
        assertThat(render).hasStatus(HttpStatus.UNPROCESSABLE_CONTENT);
        then(publisher).should(never()).publish(any());
    }

    @Test
    void anAudienceReadingContactFieldsNeedsTheContactsScope() {
        String probing = WELCOME.replace("\"holdoutPercent\"",
                "\"audience\": \"profile.phone == '+358401234567'\", \"holdoutPercent\"");

        MvcTestResult refused = post("/v1/campaigns:validate", probing, MARKETER);

        assertThat(refused).hasStatus(HttpStatus.FORBIDDEN).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused).bodyJson().extractingPath("$.fields").asArray().containsExactly("phone");
        assertThat(refused).bodyJson().extractingPath("$.detail").asString().contains("audience rule", "CONTACTS_READ");
        assertThat(post("/v1/campaigns", probing, MARKETER)).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(post("/v1/campaigns:validate", probing, CONTACT_MARKETER)).hasStatusOk();
        then(publisher).should(never()).publish(any());
    }

    private MvcTestResult post(String path, String body, String key) {
        return mvc.post().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + key)
                .contentType(MediaType.APPLICATION_JSON).content(body).exchange();
    }
}
