package org.touchpointcrm.notifier.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.streams.state.HostInfo;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiKeyFilter;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.notifier.NotifierProblems;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;
import org.touchpointcrm.notifier.access.NotifierRoutes;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/** The results' REST contract through the real key filter: the JSON shape, 404, 401/403 by scope and 503. */
class CampaignResultsControllerTest {

    private static final String ANALYST = "test-key-analyst";
    private static final String SEGMENTER = "test-key-segmenter";
    private static final String INSTANCE_KEY = "test-key-instances";

    private final CampaignCatalogue catalogue = new CampaignCatalogue();
    private CampaignTallies tallies = campaignId -> Optional.empty();

    @Test
    void theResultsOfBothGroupsAndTheUpliftInTheirDocumentedShape() {
        catalogue.apply(campaign("win-back"));
        CampaignTally tally = CampaignTally.empty();
        tally = add(tally, 4, ResultCount.of(Group.TREATED, Measure.CUSTOMERS), ResultCount.of(Group.TREATED, Measure.DECIDED));
        tally = add(tally, 3, ResultCount.of(Group.TREATED, Measure.SENT), ResultCount.of(Group.TREATED, Measure.DELIVERED));
        tally = add(tally, 1, ResultCount.of(Group.TREATED, Measure.FAILED), ResultCount.of(Group.TREATED, Measure.UNSUBSCRIBED));
        tally = add(tally, 2, ResultCount.of(Group.TREATED, Measure.OPENED), ResultCount.of(Group.TREATED, Measure.CONVERTED));
        tally = add(tally, 1, ResultCount.of(Group.TREATED, Measure.CLICKED));
        tally = add(tally, 4, ResultCount.of(Group.CONTROL, Measure.CUSTOMERS), ResultCount.of(Group.CONTROL, Measure.DECIDED),
                ResultCount.suppressed("CONTROL_GROUP"));
        tally = add(tally, 1, ResultCount.of(Group.CONTROL, Measure.CONVERTED), ResultCount.suppressed("NO_CONSENT"));
        CampaignTally known = tally;
        tallies = campaignId -> "win-back".equals(campaignId) ? Optional.of(known) : Optional.empty();

        var answered = mvc().get().uri("/v1/campaigns/win-back/results").header("X-Api-Key", ANALYST).exchange();

        assertThat(answered).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(answered).bodyJson().isStrictlyEqualTo("""
                {"campaignId": "win-back", "attributionWindow": "P7D", "decided": 9,
                 "suppressedByReason": {"CONTROL_GROUP": 4, "NO_CONSENT": 1},
                 "treated": {"customers": 4, "decided": 4, "sent": 3, "delivered": 3, "failed": 1, "opened": 2,
                             "clicked": 1, "unsubscribed": 1, "conversions": 2, "conversionRate": 0.5},
                 "control": {"customers": 4, "decided": 4, "sent": 0, "delivered": 0, "failed": 0, "opened": 0,
                             "clicked": 0, "unsubscribed": 0, "conversions": 1, "conversionRate": 0.25},
                 "uplift": {"absolute": 0.25, "relative": 1.0}}""");
    }

    @Test
    void aKnownCampaignWithNothingCountedYetHasZerosAndNoRates() {
        catalogue.apply(campaign("welcome-new"));

        var answered = mvc().get().uri("/v1/campaigns/welcome-new/results").header("X-Api-Key", ANALYST).exchange();

        assertThat(answered).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"decided": 0, "suppressedByReason": {}, "treated": {"customers": 0, "conversionRate": null},
                 "uplift": {"absolute": null, "relative": null}}""");
    }

    @Test
    void anUnknownCampaignIs404AndTheTalliesAreNotAsked() {
        tallies = campaignId -> {
            throw new AssertionError("an unknown campaign needs no tally");
        };

        var answered = mvc().get().uri("/v1/campaigns/nobody/results").header("X-Api-Key", ANALYST).exchange();

        assertThat(answered).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answered).bodyJson().extractingPath("$.detail").asString().contains("'nobody'");
    }

    @Test
    void theResultsNeedAKeyThatMayReadCampaigns() {
        catalogue.apply(campaign("win-back"));

        assertThat(mvc().get().uri("/v1/campaigns/win-back/results").exchange()).hasStatus(HttpStatus.UNAUTHORIZED);
        assertThat(mvc().get().uri("/v1/campaigns/win-back/results").header("X-Api-Key", SEGMENTER).exchange())
                .hasStatus(HttpStatus.FORBIDDEN);
    }

    @Test
    void resultsKeptByAnotherInstanceAre503() {
        catalogue.apply(campaign("win-back"));
        tallies = campaignId -> {
            throw new ResultsUnavailableException("The results of campaign 'win-back' are kept by another instance");
        };

        var answered = mvc().get().uri("/v1/campaigns/win-back/results").header("X-Api-Key", ANALYST).exchange();

        assertThat(answered).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1")
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answered).bodyJson().extractingPath("$.detail").asString().contains("another instance");
    }

    @Test
    void resultsKeptByAnotherInstanceAreAskedOfItWithTheInstancesKeyAndPassedOn() throws Exception {
        catalogue.apply(campaign("win-back"));
        var asked = new CopyOnWriteArrayList<Headers>();
        var owner = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        owner.createContext("/v1/campaigns/win-back/results", exchange -> {
            asked.add(exchange.getRequestHeaders());
            byte[] body = "{\"campaignId\": \"win-back\", \"decided\": 9}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        owner.start();
        try {
            var at = new HostInfo("127.0.0.1", owner.getAddress().getPort());
            tallies = campaignId -> {
                throw new ResultsKeptElsewhereException(campaignId, at);
            };

            var answered = mvc().get().uri("/v1/campaigns/win-back/results").header("X-Api-Key", ANALYST).exchange();

            assertThat(answered).hasStatusOk().bodyJson().isLenientlyEqualTo("{\"campaignId\": \"win-back\", \"decided\": 9}");
            assertThat(asked).singleElement().satisfies(headers -> {
                assertThat(headers.getFirst("Authorization")).as("the instances' key, not the caller's").isEqualTo("Bearer " + INSTANCE_KEY);
                assertThat(headers.getFirst(ResultsOwners.FORWARDED_HEADER)).isEqualTo("true");
            });
        } finally {
            owner.stop(0);
        }
    }

    @Test
    void aForwardedRequestIsNeverPassedOnAgain() {
        catalogue.apply(campaign("win-back"));
        tallies = campaignId -> {
            throw new ResultsKeptElsewhereException(campaignId, new HostInfo("127.0.0.1", 9));
        };

        var answered = mvc().get().uri("/v1/campaigns/win-back/results").header("X-Api-Key", ANALYST)
                .header(ResultsOwners.FORWARDED_HEADER, "true").exchange();

        assertThat(answered).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1");
        assertThat(answered).bodyJson().extractingPath("$.detail").asString().contains("moving between instances")
                .doesNotContain("127.0.0.1");
    }

    private MockMvcTester mvc() {
        var keys = new ApiKeys(() -> List.of(
                key("analyst", ANALYST, Operation.CAMPAIGNS_READ),
                key("segmenter", SEGMENTER, Operation.SEGMENTS_READ)));
        CampaignTallies current = campaignId -> tallies.tally(campaignId);
        var owners = new ResultsOwners(RestClient.builder(), new NotifierAccessProperties(List.of(), INSTANCE_KEY));
        return MockMvcTester.of(List.of(new CampaignResultsController(catalogue, current,
                        new ResultsProperties(Duration.ofDays(7)), owners)),
                standalone -> standalone.setControllerAdvice(new NotifierProblems(), new ResultsProblems())
                        .addFilters(new ApiKeyFilter(keys, NotifierRoutes.ROUTES, JsonMapper.builder().build())).build());
    }

    private static CampaignTally add(CampaignTally tally, int times, ResultCount... counts) {
        for (int i = 0; i < times; i++) {
            for (ResultCount count : counts) {
                tally = tally.add(count);
            }
        }
        return tally;
    }

    private static CampaignDefinition campaign(String id) {
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        return CampaignDefinition.newBuilder().setId(id).setName(id).setOwner("marketer").setVersion(1)
                .setStatus(CampaignStatus.ACTIVE)
                .setTrigger(CampaignTrigger.newBuilder().setSegmentId("lapsing").setChange(SegmentChangeKind.ENTERED).build())
                .setChannels(List.of(Channel.EMAIL)).setConsentPurpose("marketing").setDefaultLanguage("fi")
                .setTemplates(List.of(CampaignTemplate.newBuilder().setChannel(Channel.EMAIL).setLanguage("fi")
                        .setSubject("Tervetuloa takaisin").setHtmlBody("<p>Hei</p>").setTextBody("Hei").build()))
                .setCreatedAt(at).setChangedAt(at).build();
    }

    private static AccessProperties.Key key(String name, String secret, Operation... operations) {
        return new AccessProperties.Key(name, ApiKeys.sha256Hex(secret), Set.of(), Set.of(operations), 0);
    }
}
