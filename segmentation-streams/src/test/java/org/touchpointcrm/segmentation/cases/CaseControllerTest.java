package org.touchpointcrm.segmentation.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.CaseAction;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseKind;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.schemas.AvroLimits;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;

/** The staff API of cases over stores that answer from memory: what it lists, what it writes, what it refuses. */
class CaseControllerTest {

    static {
        // Building the cases below makes Avro read its length limits: they must be the service's (tests share a JVM).
        AvroLimits.apply();
    }

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final String STORE = "tampere-koskikeskus";
    private static final ApiClient STAFF = new ApiClient("tampere-staff", Set.of(),
            Set.of(Operation.CASES_READ, Operation.CASES_WRITE));

    private final StoreQueries stores = mock(StoreQueries.class);
    private final CaseCommandWriter writer = mock(CaseCommandWriter.class);
    @SuppressWarnings("unchecked")
    private final ReadOnlyKeyValueStore<String, CustomerCase> store = mock(ReadOnlyKeyValueStore.class);
    private final MockMvcTester mvc = MockMvcTester.of(List.of(new CaseController(
                    new CaseQueries(stores, mock(PeerInstances.class)), mock(PeerInstances.class), writer,
                    Clock.fixed(NOW, ZoneOffset.UTC))),
            standalone -> standalone.setControllerAdvice(new SegmentationProblems()).build());

    private final CustomerCase bread = aCase("~000000000001", CaseStatus.NEW, "Gluten-free bread", null);
    private final CustomerCase oat = aCase("~000000000002", CaseStatus.ACKNOWLEDGED, "Oat milk", "oat milk");
    private final CustomerCase acted = aCase("~000000000003", CaseStatus.ACTED_ON, "Rye crisps", "Rye crisps");

    @BeforeEach
    void storeHeldHere() {
        given(stores.owner(eq(ApplyCaseCommands.STORE), anyString(), anyString()))
                .willReturn(new StoreQueries.Owner(new HostInfo("localhost", 8081), 4, true));
        given(stores.<CustomerCase>localStore(eq(ApplyCaseCommands.STORE), eq(4), anyString())).willReturn(store);
        for (CustomerCase c : List.of(bread, oat, acted)) {
            given(store.get(c.getCaseId())).willReturn(c);
        }
        given(store.prefixScan(eq(STORE + "~"), any())).willAnswer(ask -> iterator(List.of(bread, oat, acted)));
    }

    @Test
    void aStoresCasesAreListedByStatusAndTopicWithoutWhoRaisedThem() throws Exception {
        MvcTestResult all = mvc.get().uri("/v1/cases?store=Tampere Koskikeskus").exchange();
        MvcTestResult acknowledged = mvc.get().uri("/v1/cases?store=" + STORE + "&status=acknowledged").exchange();
        MvcTestResult byTopic = mvc.get().uri("/v1/cases?store=" + STORE + "&topic=RYE-crisps").exchange();

        assertThat(all).hasStatusOk().bodyJson().extractingPath("$.total").isEqualTo(3);
        assertThat(all).bodyJson().extractingPath("$.storeKey").isEqualTo(STORE);
        assertThat(all.getResponse().getContentAsString()).doesNotContain("c-1");
        assertThat(acknowledged).bodyJson().extractingPath("$.cases[*].caseId").asArray()
                .containsExactly(oat.getCaseId());
        assertThat(byTopic).bodyJson().extractingPath("$.cases[*].caseId").asArray()
                .containsExactly(acted.getCaseId());
    }

    @Test
    void actingOnACaseWritesOneCommandWithTheReplyAndTheStaffKeyAndAnswers202() {
        MvcTestResult result = post("/v1/cases/" + oat.getCaseId() + "/status",
                "{\"status\": \"ACTED_ON\", \"reply\": \"Oat milk is on the shelf from Monday.\"}");

        assertThat(result).hasStatus(202).headers().hasValue("Location", "/v1/cases/" + oat.getCaseId());
        var sent = ArgumentCaptor.forClass(CaseCommand.class);
        verify(writer).write(sent.capture());
        assertThat(sent.getValue().getAction()).isEqualTo(CaseAction.SET_STATUS);
        assertThat(sent.getValue().getStatus()).isEqualTo(CaseStatus.ACTED_ON);
        assertThat(sent.getValue().getReply()).isEqualTo("Oat milk is on the shelf from Monday.");
        assertThat(sent.getValue().getBy()).isEqualTo(STAFF.name());
        assertThat(sent.getValue().getStoreKey()).isEqualTo(STORE);
    }

    @Test
    void aChangeTheLifeCycleDoesNotAllowIs409AndWritesNothing() {
        MvcTestResult early = post("/v1/cases/" + bread.getCaseId() + "/status", "{\"status\": \"ACTED_ON\", \"reply\": \"ok\"}");
        MvcTestResult noReply = post("/v1/cases/" + oat.getCaseId() + "/status", "{\"status\": \"DECLINED\"}");
        MvcTestResult closed = post("/v1/cases/" + bread.getCaseId() + "/group",
                "{\"others\": [\"" + acted.getCaseId() + "\"]}");

        assertThat(early).hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("acknowledge the case first");
        assertThat(noReply).hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("needs a reply");
        assertThat(closed).hasStatus(409).bodyJson().extractingPath("$.detail").asString().contains("ACTED_ON");
        verifyNoInteractions(writer);
    }

    @Test
    void inputsAreBoundedBeforeAnyStoreIsRead() {
        assertThat(post("/v1/cases/" + oat.getCaseId() + "/status", "{\"status\": \"ACTED_ON\", \"reply\": \""
                + "x".repeat(CaseRequests.MAX_REPLY + 1) + "\"}")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("reply");
        assertThat(post("/v1/cases/not-a-case/status", "{\"status\": \"ACKNOWLEDGED\"}")).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("caseId");
        assertThat(post("/v1/cases/" + oat.getCaseId() + "/status", "{\"status\": \"DONE\"}")).hasStatus(400);
        assertThat(mvc.put().uri("/v1/cases/" + oat.getCaseId() + "/topic").contentType(MediaType.APPLICATION_JSON)
                .content("{\"topic\": \"" + "t".repeat(CaseRequests.MAX_TOPIC + 1) + "\"}")
                .requestAttr(ApiClient.REQUEST_ATTRIBUTE, STAFF).exchange()).hasStatus(400);
        assertThat(mvc.get().uri("/v1/cases").exchange()).hasStatus(400)
                .bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("store");
        verifyNoInteractions(writer);
    }

    @Test
    void anUnknownCaseIsNotFound() {
        assertThat(mvc.get().uri("/v1/cases/" + STORE + "~0000000000ff").exchange()).hasStatus(404)
                .bodyJson().extractingPath("$.title").isEqualTo("Unknown case");
    }

    @Test
    void groupingWritesTheCheckedCasesAndTheTopic() {
        MvcTestResult result = post("/v1/cases/" + bread.getCaseId() + "/group",
                "{\"others\": [\"" + oat.getCaseId() + "\"], \"topic\": \"plant-based\"}");

        assertThat(result).hasStatus(202);
        var sent = ArgumentCaptor.forClass(CaseCommand.class);
        verify(writer).write(sent.capture());
        assertThat(sent.getValue().getOthers()).containsExactly(oat.getCaseId());
        assertThat(sent.getValue().getTopic()).isEqualTo("plant-based");
    }

    private MvcTestResult post(String path, String body) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_JSON).content(body)
                .requestAttr(ApiClient.REQUEST_ATTRIBUTE, STAFF).exchange();
    }

    private static CustomerCase aCase(String suffix, CaseStatus status, String text, String topic) {
        var raiser = CaseRaiser.newBuilder().setCustomerId("c-1").setEventId("e" + suffix).setRaisedAt(NOW)
                .setText(text).build();
        return CustomerCase.newBuilder().setCaseId(STORE + suffix).setStoreKey(STORE).setStoreId(STORE)
                .setKind(CaseKind.SUGGESTION).setStatus(status).setTopic(topic).setMatchKey(CaseText.matchKey(text))
                .setRaisers(List.of(raiser)).setRaiserCount(1).setOpenedAt(NOW).setChangedAt(NOW).build();
    }

    private static KeyValueIterator<String, CustomerCase> iterator(List<CustomerCase> cases) {
        Iterator<CustomerCase> it = cases.iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, CustomerCase> next() {
                CustomerCase c = it.next();
                return KeyValue.pair(c.getCaseId(), c);
            }

            @Override
            public void close() {
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
