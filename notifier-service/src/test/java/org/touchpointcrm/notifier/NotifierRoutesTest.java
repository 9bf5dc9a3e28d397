package org.touchpointcrm.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.access.Operation.CAMPAIGNS_READ;
import static org.touchpointcrm.access.Operation.CAMPAIGNS_WRITE;
import static org.touchpointcrm.access.Operation.INSTANCE_QUERIES;
import static org.touchpointcrm.access.RouteContract.Example.delete;
import static org.touchpointcrm.access.RouteContract.Example.get;
import static org.touchpointcrm.access.RouteContract.Example.post;
import static org.touchpointcrm.access.RouteContract.Example.put;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.touchpointcrm.access.RouteContract;
import org.touchpointcrm.access.RouteContract.Example;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.notifier.access.NotifierAccessConfiguration;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;
import org.touchpointcrm.notifier.access.NotifierRoutes;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.definitions.CampaignController;
import org.touchpointcrm.notifier.definitions.CampaignPublisher;
import org.touchpointcrm.notifier.definitions.CampaignWriter;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.links.SignedLinks;
import org.touchpointcrm.notifier.reactions.LinkReactionsController;
import org.touchpointcrm.notifier.reactions.ReactionProblems;
import org.touchpointcrm.notifier.reactions.ReactionWriter;
import org.touchpointcrm.notifier.reactions.SmsSendIndex;
import org.touchpointcrm.notifier.reactions.SmsWebhookController;
import org.touchpointcrm.notifier.results.CampaignResultsController;
import org.touchpointcrm.notifier.results.CampaignTallies;
import org.touchpointcrm.notifier.results.ResultsOwners;
import org.touchpointcrm.notifier.results.ResultsProblems;
import org.touchpointcrm.notifier.results.ResultsProperties;
import org.touchpointcrm.notifier.sms.SmsGatewayProperties;
import org.touchpointcrm.rules.ProfileRuleCompiler;

/**
 * Every route of notifier-service, enumerated from its own request mappings: the campaigns asked
 * without a key (401), with a key of every other operation (403) and with the route's own (2xx); the
 * public reactions reach their handlers without a key (and then check their own proof: a link's
 * signature, a webhook's). The controllers are named here rather than found from NotifierApplication,
 * whose {@code @EnableKafkaStreams} would want a broker; {@link #everyControllerOfTheServiceIsAsked}
 * sees to it that none is left out.
 */
@WebMvcTest(properties = "springdoc.use-management-port=true")
@ContextConfiguration(classes = {CampaignController.class, CampaignResultsController.class,
        LinkReactionsController.class, SmsWebhookController.class, NotifierProblems.class, ResultsProblems.class,
        ReactionProblems.class, NotifierAccessConfiguration.class, NotifierRoutesTest.Collaborators.class})
class NotifierRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String EXISTING = "route-check";
    /** A campaign as CampaignControllerTest writes one, with the id to fill in. */
    private static final String CAMPAIGN = """
            {"id": "%s", "name": "Welcome", "description": "Three days after the first purchase",
             "trigger": {"segmentId": "new", "change": "ENTERED", "delay": "P3D"},
             "channels": ["EMAIL", "SMS"], "consentPurpose": "marketing", "defaultLanguage": "fi",
             "templates": [
               {"channel": "EMAIL", "language": "fi", "subject": "Tervetuloa {{profile.master.firstName}}",
                "htmlBody": "<p>Hei {{profile.master.firstName}}!</p>", "textBody": "Hei {{profile.master.firstName}}!"},
               {"channel": "SMS", "language": "fi", "textBody": "Tervetuloa asiakkaaksi, {{profile.master.firstName}}!"}],
             "startAt": "2026-12-01T00:00:00Z", "endAt": "2027-03-01T00:00:00Z",
             "frequencyCap": {"maxMessages": 1, "period": "P30D"}, "holdoutPercent": 10}""";
    private static final String TEMPLATE = """
            {"template": {"channel": "SMS", "language": "fi", "textBody": "Hei {{profile.master.firstName}}"},
             "profile": {"master": {"firstName": "Aino"}}}""";

    /** A minimal valid request of every route; the public ones need no operation. */
    static final List<Example> EXAMPLES = List.of(
            get("/v1/campaigns", "/v1/campaigns", CAMPAIGNS_READ),
            get("/v1/campaigns/{id}", "/v1/campaigns/" + EXISTING, CAMPAIGNS_READ),
            get("/v1/campaigns/{id}/results", "/v1/campaigns/" + EXISTING + "/results", CAMPAIGNS_READ).orAlso(INSTANCE_QUERIES),
            post("/v1/campaigns", "/v1/campaigns", MediaType.APPLICATION_JSON, CAMPAIGN.formatted("route-check-created"),
                    CAMPAIGNS_WRITE),
            put("/v1/campaigns/{id}", "/v1/campaigns/" + EXISTING, MediaType.APPLICATION_JSON,
                    CAMPAIGN.formatted(EXISTING), CAMPAIGNS_WRITE),
            delete("/v1/campaigns/{id}", "/v1/campaigns/" + EXISTING, CAMPAIGNS_WRITE),
            post("/v1/campaigns:validate", "/v1/campaigns:validate", MediaType.APPLICATION_JSON,
                    CAMPAIGN.formatted("route-check-validated"), CAMPAIGNS_WRITE),
            post("/v1/campaigns:render", "/v1/campaigns:render", MediaType.APPLICATION_JSON, TEMPLATE, CAMPAIGNS_WRITE),
            get("/l/open/{token}", "/l/open/not-a-signed-token.gif"),
            get("/l/click/{token}", "/l/click/not-a-signed-token"),
            get("/l/unsubscribe/{token}", "/l/unsubscribe/not-a-signed-token"),
            post("/l/unsubscribe/{token}", "/l/unsubscribe/not-a-signed-token", MediaType.APPLICATION_FORM_URLENCODED,
                    "List-Unsubscribe=One-Click"),
            post("/sms/status", "/sms/status", MediaType.APPLICATION_FORM_URLENCODED, "MessageSid=SM1&MessageStatus=delivered"),
            post("/sms/inbound", "/sms/inbound", MediaType.APPLICATION_FORM_URLENCODED, "From=%2B358401234567&Body=STOP"));

    /**
     * The notifier's public routes, and only these: the signed links customers follow from their
     * messages, and the SMS gateway's signed webhooks (docs/security.md says why each is public).
     */
    private static final Set<String> PUBLIC = Set.of("GET /l/open/{token}", "GET /l/click/{token}",
            "GET /l/unsubscribe/{token}", "POST /l/unsubscribe/{token}", "POST /sms/status", "POST /sms/inbound");

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private CampaignCatalogue catalogue;

    @MockitoBean
    private CampaignTallies tallies;
    @MockitoBean
    private ReactionWriter reactions;
    @MockitoBean
    private SmsSendIndex sends;

    @BeforeEach
    void aCampaignExists() {
        if (catalogue.find(EXISTING).isEmpty()) {
            Example create = EXAMPLES.get(3);
            assertThat(mvc.post().uri("/v1/campaigns").header("Authorization", "Bearer " + RouteContract.rightKey(create))
                    .contentType(MediaType.APPLICATION_JSON).content(CAMPAIGN.formatted(EXISTING)).exchange())
                    .hasStatus(HttpStatus.CREATED);
        }
    }

    @Test
    void everyControllerOfTheServiceIsAsked() {
        RouteContract.assertEveryControllerIsIn(context, "org.touchpointcrm.notifier");
    }

    @Test
    void everyMappedRouteHasAnExampleSoThatNoneIsForgotten() {
        assertThat(RouteContract.mapped(context)).isEqualTo(RouteContract.routes(EXAMPLES));
    }

    @Test
    void theServiceDeclaresExactlyThesePublicRoutes() {
        assertThat(RouteContract.publicRoutes(NotifierRoutes.ROUTES)).isEqualTo(PUBLIC);
        assertThat(EXAMPLES.stream().filter(example -> example.needs().isEmpty()).map(Example::route))
                .containsExactlyInAnyOrderElementsOf(PUBLIC);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void everyRouteNeedsAKeyWithItsOperationUnlessItIsPublic(Example example) {
        if (PUBLIC.contains(example.route())) {
            RouteContract.assertPublic(mvc, example);
        } else {
            RouteContract.assertScoped(mvc, example);
        }
    }

    @Test
    void headIsCheckedLikeGet() {
        RouteContract.assertHeadIsAskedAsGet(mvc, EXAMPLES.get(2));
    }

    @Test
    void aMethodNoRouteHasIsRefusedOnPublicRoutesToo() {
        RouteContract.assertOtherMethodsRefused(mvc, EXAMPLES.get(2), "GET, HEAD");
        assertThat(RouteContract.ask(mvc, HttpMethod.PUT, EXAMPLES.get(12), null)).as("PUT on a webhook")
                .hasStatus(HttpStatus.UNAUTHORIZED);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        NotifierAccessProperties notifierAccessProperties() {
            return new NotifierAccessProperties(RouteContract.keys(EXAMPLES), null);
        }

        @Bean
        ResultsOwners resultsOwners(NotifierAccessProperties access) {
            return new ResultsOwners(RestClient.builder(), access);
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        CampaignCatalogue campaignCatalogue() {
            return new CampaignCatalogue();
        }

        /** Writes as the service does, to a producer that hands each campaign to the catalogue, as the global store would. */
        @Bean
        CampaignWriter campaignWriter(CampaignCatalogue catalogue, Clock clock) {
            Serializer<SpecificRecord> readBack = (topic, record) -> {
                catalogue.apply((CampaignDefinition) record);
                return new byte[0];
            };
            return new CampaignWriter(catalogue, new ProfileRuleCompiler(), new CampaignPublisher(new KafkaTemplate<>(
                    new MockProducerFactory<>(() -> new MockProducer<>(true, null, new StringSerializer(), readBack))),
                    catalogue), clock);
        }

        @Bean
        ResultsProperties resultsProperties() {
            return new ResultsProperties(Duration.ofDays(7));
        }

        @Bean
        LinkProperties linkProperties() {
            return new LinkProperties(URI.create("http://127.0.0.1:8082"), "a-test-secret-of-at-least-32-characters");
        }

        @Bean
        SignedLinks signedLinks(LinkProperties properties) {
            return new SignedLinks(properties);
        }

        @Bean
        SmsGatewayProperties smsGatewayProperties() {
            return new SmsGatewayProperties(URI.create("http://127.0.0.1:9"), "AC-test", "test-sms-auth-token", "TOUCHPOINT");
        }
    }
}
