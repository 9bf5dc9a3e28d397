package org.touchpointcrm.segmentation.members;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/**
 * A page of a segment's members across all instances: the partitions of {@link SegmentMembership#STORE}
 * in order, each read locally by a range of its keys when this instance owns it, else asked of its
 * owner, until the page is full or the last partition is read. An owner that is asked reads on through
 * the partitions it owns and hands back where it stopped; the instance asked by the client goes on from
 * there. While any partition it needs has no owner the answer is 503, never a page with a gap.
 */
@Component
public class SegmentMembersQuery {

    static final String UNAVAILABLE = "Segment members are not available yet";
    /** The members store has the profile's partitions: it lives in the same tasks. */
    public static final int PARTITIONS = Topics.CUSTOMERS.partitions();

    private static final Logger log = LoggerFactory.getLogger(SegmentMembersQuery.class);

    private final StoreQueries stores;
    private final RestClient peers;

    public SegmentMembersQuery(StoreQueries stores, PeerInstances peers) {
        this.stores = stores;
        this.peers = peers.client();
    }

    /**
     * @param from      where to start (the previous page's cursor, or {@link MembersCursor#START})
     * @param forwarded whether another instance asked: then only the partitions this instance owns are read
     */
    public MembersPage page(String segmentId, MembersCursor from, int limit, boolean forwarded) {
        List<MembersPage.Member> members = new ArrayList<>(Math.min(limit, MembersPage.MOST_LIMIT));
        MembersCursor at = from;
        while (at != null && members.size() < limit) {
            StoreQueries.Owner owner = stores.ownerOfPartition(SegmentMembership.STORE, at.partition(), UNAVAILABLE);
            if (owner.local()) {
                at = readLocal(segmentId, at, limit - members.size(), members);
            } else if (forwarded) {
                if (at.equals(from)) {
                    throw new StoreUnavailableException(UNAVAILABLE, "partition " + at.partition()
                            + " of the members is moving between instances");
                }
                break;
            } else {
                MembersPage theirs = ask(owner.host(), segmentId, at, limit - members.size());
                MembersCursor next = theirs.nextCursor() == null ? null : MembersCursor.parse(theirs.nextCursor(), PARTITIONS);
                if (theirs.members().isEmpty() && at.equals(next)) {
                    throw new StoreUnavailableException(UNAVAILABLE, "partition " + at.partition()
                            + " of the members is moving between instances");
                }
                members.addAll(theirs.members());
                at = next;
            }
        }
        return new MembersPage(segmentId, members, at == null ? null : at.encode());
    }

    /**
     * Up to {@code most} members of one partition after the cursor, by a range of keys from the cursor
     * (a range with an open end stops at the first key of another segment).
     *
     * @return where the next read starts: the same partition after the last member read, the next
     *         partition's start, or null after the last partition
     */
    private MembersCursor readLocal(String segmentId, MembersCursor at, int most, List<MembersPage.Member> into) {
        ReadOnlyKeyValueStore<String, Long> store = stores.localStore(SegmentMembership.STORE, at.partition(), UNAVAILABLE);
        String prefix = SegmentMembership.prefix(segmentId);
        String from = at.after() == null ? prefix : SegmentMembership.key(segmentId, at.after());
        int read = 0;
        String last = null;
        try (var range = store.range(from, null)) {
            while (range.hasNext()) {
                var entry = range.next();
                if (!entry.key.startsWith(prefix)) {
                    break;
                }
                if (at.after() != null && entry.key.equals(from)) {
                    continue;
                }
                if (read == most) {
                    return new MembersCursor(at.partition(), last);
                }
                last = entry.key.substring(prefix.length());
                into.add(new MembersPage.Member(last, Instant.ofEpochMilli(entry.value)));
                read++;
            }
        }
        return at.partition() + 1 < PARTITIONS ? new MembersCursor(at.partition() + 1, null) : null;
    }

    /** The owner's address and its error go to the log only: the caller is told "another instance". */
    private MembersPage ask(HostInfo owner, String segmentId, MembersCursor at, int limit) {
        URI uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host()).port(owner.port())
                .path("/v1/segments/{id}/members").queryParam("cursor", at.encode()).queryParam("limit", limit)
                .encode().buildAndExpand(segmentId).toUri();
        try {
            MembersPage page = peers.get().uri(uri).retrieve().body(MembersPage.class);
            if (page == null) {
                throw new RestClientException("an empty answer");
            }
            return page;
        } catch (RestClientException e) {
            log.warn("instance {}, which owns partition {} of the segment members, did not answer: {}", owner,
                    at.partition(), e.toString());
            throw new StoreUnavailableException(UNAVAILABLE, "another instance holds part of the members and did not answer");
        }
    }
}
