package org.touchpointcrm.segmentation.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/** Paging a segment's members over partitions held here and elsewhere, with stores in memory. */
class SegmentMembersQueryTest {

    private static final Instant SINCE = Instant.parse("2026-12-07T10:00:00Z");
    private static final HostInfo THERE = new HostInfo("segmentation-2", 8082);

    private final StoreQueries stores = mock(StoreQueries.class);
    private List<SortedStore<Long>> partitions;
    private final RestClient.Builder http = RestClient.builder();
    private final MockRestServiceServer otherInstance = MockRestServiceServer.bindTo(http).build();
    private final SegmentMembersQuery query = new SegmentMembersQuery(stores,
            new PeerInstances(http, new SegmentationAccessProperties(List.of(), "instance-key")));

    @BeforeEach
    void everyPartitionHere() {
        partitions = SortedStore.everyMembersPartitionHere(stores);
    }

    @Test
    void pagesWalkEveryPartitionInOrderWithoutGapOrRepeatAndOtherSegmentsStayOut() {
        member(0, "loyal", "c-b");
        member(0, "loyal", "c-a");
        member(0, "loyalty-club", "c-x");
        member(5, "loyal", "c-c");
        member(11, "loyal", "c-d");
        member(11, "loyal", "c-e");
        member(11, "new", "c-f");

        List<String> read = new ArrayList<>();
        MembersPage page = query.page("loyal", MembersCursor.START, 2, false);
        int pages = 1;
        read.addAll(ids(page));
        while (page.nextCursor() != null) {
            page = query.page("loyal", MembersCursor.parse(page.nextCursor(), SegmentMembersQuery.PARTITIONS), 2, false);
            read.addAll(ids(page));
            pages++;
        }

        assertThat(read).containsExactly("c-a", "c-b", "c-c", "c-d", "c-e");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aMemberWhoLeftBetweenPagesDoesNotBreakTheCursor() {
        member(0, "loyal", "c-a");
        member(0, "loyal", "c-b");
        member(0, "loyal", "c-c");
        MembersPage first = query.page("loyal", MembersCursor.START, 2, false);

        partitions.get(0).entries.remove(SegmentMembership.key("loyal", "c-b"));
        MembersPage second = query.page("loyal", MembersCursor.parse(first.nextCursor(), SegmentMembersQuery.PARTITIONS),
                2, false);

        assertThat(ids(first)).containsExactly("c-a", "c-b");
        assertThat(ids(second)).containsExactly("c-c");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void partitionsOfAnotherInstanceAreAskedOfItWithTheInstanceKeyAndThePageGoesOnFromWhereItStopped() {
        member(0, "loyal", "c-a");
        member(11, "loyal", "c-z");
        for (int p = 1; p <= 10; p++) {
            given(stores.ownerOfPartition(eq(SegmentMembership.STORE), eq(p), anyString()))
                    .willReturn(new StoreQueries.Owner(THERE, p, false));
        }
        String theirCursor = new MembersCursor(11, null).encode();
        otherInstance.expect(requestTo("http://segmentation-2:8082/v1/segments/loyal/members?cursor="
                        + new MembersCursor(1, null).encode() + "&limit=9"))
                .andExpect(header(StoreQueries.FORWARDED_HEADER, "true"))
                .andExpect(header("Authorization", "Bearer instance-key"))
                .andRespond(withSuccess("{\"segmentId\":\"loyal\",\"members\":[{\"customerId\":\"c-m\",\"since\":"
                        + "\"2026-12-07T10:00:00Z\"}],\"nextCursor\":\"" + theirCursor + "\"}", MediaType.APPLICATION_JSON));

        MembersPage page = query.page("loyal", MembersCursor.START, 10, false);

        assertThat(ids(page)).containsExactly("c-a", "c-m", "c-z");
        assertThat(page.nextCursor()).isNull();
        otherInstance.verify();
    }

    @Test
    void askedByAnotherInstanceItReadsOnlyWhatItOwnsAndSaysWhereItStopped() {
        member(0, "loyal", "c-a");
        member(2, "loyal", "c-b");
        given(stores.ownerOfPartition(eq(SegmentMembership.STORE), eq(1), anyString()))
                .willReturn(new StoreQueries.Owner(THERE, 1, false));

        MembersPage page = query.page("loyal", MembersCursor.START, 10, true);

        assertThat(ids(page)).containsExactly("c-a");
        assertThat(MembersCursor.parse(page.nextCursor(), SegmentMembersQuery.PARTITIONS))
                .isEqualTo(new MembersCursor(1, null));
    }

    @Test
    void whileAPartitionHasNoOwnerThePageIsRefusedNotCutShort() {
        member(0, "loyal", "c-a");
        given(stores.ownerOfPartition(eq(SegmentMembership.STORE), eq(4), anyString()))
                .willThrow(new StoreUnavailableException(SegmentMembersQuery.UNAVAILABLE, "rebalancing"));

        assertThatThrownBy(() -> query.page("loyal", MembersCursor.START, 10, false))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void aCursorIsOpaqueButCheckedAndRoundTrips() {
        var cursor = new MembersCursor(7, "c-1,with:colons");

        assertThat(MembersCursor.parse(cursor.encode(), 12)).isEqualTo(cursor);
        assertThat(MembersCursor.parse(null, 12)).isEqualTo(MembersCursor.START);
        for (String bad : Set.of("%%%", new MembersCursor(12, null).encode(), "x".repeat(2000), "bm9wZQ")) {
            assertThatThrownBy(() -> MembersCursor.parse(bad, 12)).as(bad)
                    .isInstanceOf(org.touchpointcrm.segmentation.stats.InvalidStatsQueryException.class)
                    .hasMessageContaining("nextCursor");
        }
    }

    private void member(int partition, String segmentId, String customerId) {
        partitions.get(partition).entries.put(SegmentMembership.key(segmentId, customerId), SINCE.toEpochMilli());
    }

    private static List<String> ids(MembersPage page) {
        return page.members().stream().map(MembersPage.Member::customerId).toList();
    }
}
