package org.touchpointcrm.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.touchpointcrm.access.Operation.INSTANCE_QUERIES;
import static org.touchpointcrm.access.Operation.PROFILES_READ;
import static org.touchpointcrm.access.Operation.SEGMENTS_READ;
import static org.touchpointcrm.access.Operation.SEGMENTS_WRITE;
import static org.touchpointcrm.access.RouteContract.Example.delete;
import static org.touchpointcrm.access.RouteContract.Example.get;
import static org.touchpointcrm.access.RouteContract.Example.post;
import static org.touchpointcrm.access.RouteContract.Example.put;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.RouteContract;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.RouteContract.Example;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.CustomerProfiles;
import org.touchpointcrm.segmentation.access.SegmentationAccessConfiguration;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;
import org.touchpointcrm.segmentation.access.SegmentationRoutes;
import org.touchpointcrm.segmentation.definitions.DefinitionPublisher;
import org.touchpointcrm.segmentation.definitions.DefinitionRequest;
import org.touchpointcrm.segmentation.definitions.DefinitionWriter;
import org.touchpointcrm.segmentation.definitions.SegmentDefinitionController;
import org.touchpointcrm.segmentation.definitions.SegmentPreview;
import org.touchpointcrm.segmentation.members.MembersPage;
import org.touchpointcrm.segmentation.members.SegmentMembersController;
import org.touchpointcrm.segmentation.members.SegmentMembersQuery;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.query.MergedCustomers;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.ProfileQueryController;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentStatsController;
import org.touchpointcrm.segmentation.stats.SegmentStatsLookup;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.timeline.TimelineController;
import org.touchpointcrm.segmentation.sweep.ProfileAsOf;

/**
 * Every route of segmentation-streams, enumerated from its own request mappings, asked without a key
 * (401), with a key of every other operation (403) and with the route's own (2xx), over stores that
 * answer from memory. segmentation-streams has no public route. The controllers are named here rather
 * than found from SegmentationApplication, whose {@code @EnableKafkaStreams} would want a broker;
 * {@link #everyControllerOfTheServiceIsAsked} sees to it that none is left out.
 */
@WebMvcTest(properties = "springdoc.use-management-port=true")
@ContextConfiguration(classes = {SegmentStatsController.class, SegmentDefinitionController.class,
        ProfileQueryController.class, TimelineController.class, MergedCustomers.class, SegmentMembersController.class, SegmentationProblems.class, SegmentationAccessConfiguration.class,
        SegmentationRoutesTest.Collaborators.class})
class SegmentationRoutesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String EXISTING = "route-check";
    private static final String RULE = "{\"rule\": \"profile.purchases.count >= 1\"}";
    /** The instances' own key: INSTANCE_QUERIES only. */
    private static final String INSTANCE_KEY = "test-key-instance";

    /** A minimal valid request of every route. */
    static final List<Example> EXAMPLES = List.of(
            get("/v1/customers/{customerId}/profile", "/v1/customers/c-1/profile", PROFILES_READ).orAlso(INSTANCE_QUERIES),
            get("/v1/segments", "/v1/segments", SEGMENTS_READ).orAlso(INSTANCE_QUERIES),
            get("/v1/segments/{segmentId}/stats", "/v1/segments/" + EXISTING + "/stats", SEGMENTS_READ)
                    .orAlso(INSTANCE_QUERIES),
            get("/v1/segment-definitions", "/v1/segment-definitions", SEGMENTS_READ),
            get("/v1/segment-definitions/{id}", "/v1/segment-definitions/" + EXISTING, SEGMENTS_READ),
            post("/v1/segment-definitions", "/v1/segment-definitions", MediaType.APPLICATION_JSON,
                    "{\"id\": \"route-check-created\", \"name\": \"Created\", \"rule\": \"profile.purchases.count >= 1\"}",
                    SEGMENTS_WRITE),
            put("/v1/segment-definitions/{id}", "/v1/segment-definitions/" + EXISTING, MediaType.APPLICATION_JSON,
                    "{\"name\": \"Changed\", \"rule\": \"profile.purchases.count >= 2\"}", SEGMENTS_WRITE),
            delete("/v1/segment-definitions/{id}", "/v1/segment-definitions/" + EXISTING, SEGMENTS_WRITE),
            post("/v1/segment-definitions:validate", "/v1/segment-definitions:validate", MediaType.APPLICATION_JSON,
                    RULE, SEGMENTS_WRITE),
            post("/v1/segment-definitions:preview", "/v1/segment-definitions:preview", MediaType.APPLICATION_JSON,
                    RULE, SEGMENTS_WRITE).orAlso(INSTANCE_QUERIES),
            get("/v1/customers/{customerId}/timeline", "/v1/customers/c-1/timeline", PROFILES_READ)
                    .orAlso(INSTANCE_QUERIES),
            get("/v1/segments/{segmentId}/members", "/v1/segments/" + EXISTING + "/members", PROFILES_READ)
                    .orAlso(INSTANCE_QUERIES),
            get("/v1/segments/{segmentId}/members.csv", "/v1/segments/" + EXISTING + "/members.csv", PROFILES_READ));

    /** segmentation-streams' public routes: none. */
    private static final Set<String> PUBLIC = Set.of();

    @Autowired
    private MockMvcTester mvc;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private SegmentCatalogue catalogue;
    @Autowired
    private DefinitionWriter writer;

    @MockitoBean
    private SegmentStatsLookup stats;
    @MockitoBean
    private SegmentPreview preview;
    @MockitoBean
    private StoreQueries stores;
    @MockitoBean
    private PeerInstances peers;
    @MockitoBean
    private SegmentMembersQuery members;

    @BeforeEach
    void storesAnswerFromMemory() {
        if (catalogue.entry(EXISTING).isEmpty()) {
            writer.create(new DefinitionRequest(EXISTING, "Route check", null, "profile.purchases.count >= 1", null),
                    new ApiClient("setup", Set.of(), Set.of(Operation.SEGMENTS_WRITE)));
        }
        given(stores.owner(anyString(), anyString(), anyString())).willReturn(
                new StoreQueries.Owner(new HostInfo("localhost", 8081), 0, true));
        @SuppressWarnings("unchecked")
        ReadOnlyKeyValueStore<String, CustomerProfile> profiles = mock(ReadOnlyKeyValueStore.class);
        given(profiles.get("c-1")).willReturn(CustomerProfiles.empty("c-1", NOW));
        given(stores.<CustomerProfile>localStore(eq(UpdateProfile.STORE), anyInt(), anyString())).willReturn(profiles);
        @SuppressWarnings("unchecked")
        ReadOnlyKeyValueStore<String, CustomerTimeline> timelines = mock(ReadOnlyKeyValueStore.class);
        given(stores.<CustomerTimeline>localStore(eq(Timeline.STORE), anyInt(), anyString())).willReturn(timelines);
        given(members.page(anyString(), any(), anyInt(), anyBoolean())).willReturn(new MembersPage(EXISTING, List.of(), null));
        given(preview.everywhere(any(), anyString())).willReturn(
                new SegmentPreview.Result(0, List.of(), 0, List.of(0), 1, NOW));
    }

    @Test
    void everyControllerOfTheServiceIsAsked() {
        RouteContract.assertEveryControllerIsIn(context, "org.touchpointcrm.segmentation");
    }

    @Test
    void everyMappedRouteHasAnExampleSoThatNoneIsForgotten() {
        assertThat(RouteContract.mapped(context)).isEqualTo(RouteContract.routes(EXAMPLES));
    }

    @Test
    void theServiceDeclaresExactlyThesePublicRoutes() {
        assertThat(RouteContract.publicRoutes(SegmentationRoutes.ROUTES)).isEqualTo(PUBLIC);
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("EXAMPLES")
    void everyRouteNeedsAKeyWithItsOperation(Example example) {
        RouteContract.assertScoped(mvc, example);
    }

    /** What one instance asks another: the profile, the sizes and hours, a preview's part, the timeline, members. */
    @Test
    void theInstancesKeyReadsWhatInstancesForwardAndNothingElse() {
        for (Example forwarded : List.of(EXAMPLES.get(0), EXAMPLES.get(1), EXAMPLES.get(2), EXAMPLES.get(9),
                EXAMPLES.get(10), EXAMPLES.get(11))) {
            assertThat(RouteContract.ask(mvc, forwarded, INSTANCE_KEY)).as(forwarded.toString()).hasStatus2xxSuccessful();
        }
        for (Example marketers : List.of(EXAMPLES.get(3), EXAMPLES.get(5), EXAMPLES.get(8), EXAMPLES.get(12))) {
            assertThat(RouteContract.ask(mvc, marketers, INSTANCE_KEY)).as(marketers.toString())
                    .hasStatus(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void headIsCheckedLikeGet() {
        RouteContract.assertHeadIsAskedAsGet(mvc, EXAMPLES.get(0));
    }

    @Test
    void aMethodNoRouteHasIsRefused() {
        RouteContract.assertOtherMethodsRefused(mvc, EXAMPLES.get(0), "GET, HEAD");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Collaborators {

        @Bean
        SegmentationAccessProperties segmentationAccessProperties() {
            var keys = new java.util.ArrayList<>(RouteContract.keys(EXAMPLES));
            keys.add(new AccessProperties.Key("instances", ApiKeys.sha256Hex(INSTANCE_KEY), Set.of(),
                    Set.of(INSTANCE_QUERIES), 0));
            return new SegmentationAccessProperties(keys, INSTANCE_KEY);
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        SegmentEvaluator segmentEvaluator() {
            return SegmentEvaluator.builtIn();
        }

        @Bean
        ProfileAsOf profileAsOf(SegmentEvaluator evaluator, Clock clock) {
            return new ProfileAsOf(SegmentationProperties.defaults(), evaluator, clock);
        }

        @Bean
        SegmentCatalogue segmentCatalogue(SegmentEvaluator evaluator) {
            return evaluator.catalogue();
        }

        /** Writes as the service does, to a producer that hands each definition to the catalogue, as the global store would. */
        @Bean
        DefinitionWriter definitionWriter(SegmentCatalogue catalogue, Clock clock) {
            Serializer<SpecificRecord> readBack = (topic, record) -> {
                catalogue.apply((SegmentDefinition) record);
                return new byte[0];
            };
            return new DefinitionWriter(catalogue, new ProfileRuleCompiler(), new DefinitionPublisher(new KafkaTemplate<>(
                    new MockProducerFactory<>(() -> new MockProducer<>(true, null, new StringSerializer(), readBack))),
                    catalogue), clock);
        }
    }
}
