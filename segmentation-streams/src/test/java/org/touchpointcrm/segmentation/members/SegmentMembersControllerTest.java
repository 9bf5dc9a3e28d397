package org.touchpointcrm.segmentation.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/** The REST contract of segment members (the console builds against it), over stores in memory. */
class SegmentMembersControllerTest {

    private static final Instant SINCE = Instant.parse("2026-12-07T10:00:00Z");

    private final StoreQueries stores = mock(StoreQueries.class);
    private List<SortedStore<Long>> partitions;
    private final MockMvcTester mvc = MockMvcTester.of(List.of(new SegmentMembersController(SegmentEvaluator.builtIn(),
                    new SegmentMembersQuery(stores, new PeerInstances(RestClient.builder(),
                            new SegmentationAccessProperties(List.of(), null))))),
            standalone -> standalone.setControllerAdvice(new SegmentationProblems()).build());

    @BeforeEach
    void everyPartitionHere() {
        partitions = SortedStore.everyMembersPartitionHere(stores);
    }

    @Test
    void aPageHasTheAgreedShape() throws Exception {
        member(3, "one-time", "c-1");
        member(8, "one-time", "c-2");

        MvcTestResult first = mvc.get().uri("/v1/segments/one-time/members?limit=1").exchange();

        assertThat(first).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(first).bodyJson().isLenientlyEqualTo("""
                {"segmentId": "one-time", "members": [{"customerId": "c-1", "since": "2026-12-07T10:00:00Z"}]}""");
        String cursor = first.getResponse().getContentAsString().replaceAll(".*\"nextCursor\":\"([^\"]+)\".*", "$1");
        assertThat(mvc.get().uri("/v1/segments/one-time/members?cursor=" + cursor).exchange()).bodyJson()
                .isLenientlyEqualTo("""
                        {"members": [{"customerId": "c-2"}], "nextCursor": null}""");
    }

    @Test
    void theCsvHasEveryMemberOfEveryPartitionAcrossPages() throws Exception {
        int count = SegmentMembersController.EXPORT_PAGE * 2 + 7;
        for (int i = 0; i < count; i++) {
            member(i % SegmentMembersQuery.PARTITIONS, "one-time", "c-" + i);
        }
        member(0, "new", "not-a-member");
        member(1, "one-time", "=cmd|' /C calc'!A0");

        MvcTestResult result = mvc.get().uri("/v1/segments/one-time/members.csv").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith("text/csv");
        List<String> lines = result.getResponse().getContentAsString().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("customer_id,since");
        assertThat(lines).hasSize(count + 2).doesNotHaveDuplicates().doesNotContain("not-a-member,2026-12-07T10:00:00Z")
                .contains("c-0,2026-12-07T10:00:00Z", "\"'=cmd|' /C calc'!A0\",2026-12-07T10:00:00Z");
    }

    @Test
    void anUnknownSegmentIsNotFoundAndABadCursorOrLimitIsRefusedByName() {
        assertThat(mvc.get().uri("/v1/segments/no-such/members").exchange()).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/v1/segments/no-such/members.csv").exchange()).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri("/v1/segments/one-time/members?cursor=%25%25").exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("cursor");
        assertThat(mvc.get().uri("/v1/segments/one-time/members?limit=1001").exchange())
                .hasStatus(HttpStatus.BAD_REQUEST).bodyJson().extractingPath("$.errors[0].parameter").isEqualTo("limit");
    }

    private void member(int partition, String segmentId, String customerId) {
        partitions.get(partition).entries.put(SegmentMembership.key(segmentId, customerId), SINCE.toEpochMilli());
    }
}
