package org.touchpointcrm.segmentation.stats;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/**
 * Segment figures from the state stores of {@link CountSegmentChanges}. A segment's size and all its
 * hours live in one task, the one of the partition of {@link SegmentStatistics#BY_SEGMENT} its id
 * hashes to, so both queries ask {@link StoreQueries} for the owner of the segment id in
 * {@link CountSegmentChanges#SIZES}, as the profile query does for a customer: read locally when
 * this instance owns it, else ask the owner, one hop at most (an owner that no longer owns it
 * answers 503 rather than passing the query on).
 *
 * <p>The list of all segments asks each other owner once, for all the segments it owns
 * ({@code GET /v1/segments?id=..&id=..}), rather than once per segment or every instance for
 * everything: a call per instance that holds a part of the answer, whatever the number of segments.
 */
@Component
public class SegmentStatsStores implements SegmentStatsLookup {

    static final String UNAVAILABLE = "Segment statistics are not available yet";
    private static final Logger log = LoggerFactory.getLogger(SegmentStatsStores.class);

    private final StoreQueries stores;
    private final RestClient peers;

    public SegmentStatsStores(StoreQueries stores, PeerInstances peers) {
        this.stores = stores;
        this.peers = peers.client();
    }

    @Override
    public Map<String, Long> sizes(Collection<String> segmentIds, boolean forwarded) {
        stores.running(UNAVAILABLE);
        Map<String, Long> sizes = new HashMap<>();
        Map<HostInfo, List<String>> elsewhere = new LinkedHashMap<>();
        for (String segmentId : segmentIds) {
            StoreQueries.Owner owner = stores.owner(CountSegmentChanges.SIZES, segmentId, UNAVAILABLE);
            if (owner.local()) {
                ReadOnlyKeyValueStore<String, Long> local = stores.localStore(CountSegmentChanges.SIZES,
                        owner.partition(), UNAVAILABLE);
                Long size = local.get(segmentId);
                if (size != null) {
                    sizes.put(segmentId, size);
                }
            } else {
                elsewhere.computeIfAbsent(owner.host(), host -> new ArrayList<>()).add(segmentId);
            }
        }
        elsewhere.forEach((host, ids) -> {
            notForwardedAgain(forwarded, ids);
            URI uri = UriComponentsBuilder.newInstance().scheme("http").host(host.host()).port(host.port())
                    .path("/v1/segments").queryParam("id", ids.toArray()).encode().build().toUri();
            SegmentOverview.Listing theirs = ask(host, uri, SegmentOverview.Listing.class);
            theirs.segments().forEach(segment -> sizes.put(segment.id(), segment.size()));
        });
        return sizes;
    }

    @Override
    public List<HourStats> hours(String segmentId, StatsPeriod period, boolean forwarded) {
        StoreQueries.Owner owner = stores.owner(CountSegmentChanges.SIZES, segmentId, UNAVAILABLE);
        if (owner.local()) {
            return read(stores.localStore(CountSegmentChanges.HOURS, owner.partition(), UNAVAILABLE), segmentId, period);
        }
        notForwardedAgain(forwarded, List.of(segmentId));
        URI uri = UriComponentsBuilder.newInstance().scheme("http").host(owner.host().host()).port(owner.host().port())
                .path("/v1/segments/{id}/stats").queryParam("from", period.from()).queryParam("to", period.to())
                .encode().buildAndExpand(segmentId).toUri();
        return ask(owner.host(), uri, SegmentHistory.class).hours();
    }

    /**
     * One segment's hours in the period, by a range query: the keys ({@link Topics#segmentStatsKey})
     * sort by segment, then by hour, so the range holds exactly that segment's hours, oldest first.
     */
    public static List<HourStats> read(ReadOnlyKeyValueStore<String, SegmentStats> hours, String segmentId,
                                       StatsPeriod period) {
        // Whole hours only, so that both ends are keys of the same fixed-width form.
        Instant first = HourlyCounts.hourOf(period.from().plus(Duration.ofHours(1)).minusNanos(1));
        Instant last = HourlyCounts.hourOf(period.to());
        List<HourStats> answer = new ArrayList<>();
        if (first.isAfter(last)) {
            return answer;
        }
        try (var range = hours.range(Topics.segmentStatsKey(segmentId, first), Topics.segmentStatsKey(segmentId, last))) {
            range.forEachRemaining(entry -> {
                SegmentStats stats = entry.value;
                if (stats.getSegmentId().equals(segmentId) && period.contains(stats.getHourStart())) {
                    answer.add(HourStats.of(stats));
                }
            });
        }
        return answer;
    }

    private static void notForwardedAgain(boolean forwarded, List<String> segmentIds) {
        if (forwarded) {
            throw new StoreUnavailableException(UNAVAILABLE, "segments " + segmentIds + " are moving between instances");
        }
    }

    /** The owner's address and its error go to the log only: the caller is told "another instance". */
    private <T> T ask(HostInfo owner, URI uri, Class<T> answer) {
        try {
            T body = peers.get().uri(uri).retrieve().body(answer);
            if (body == null) {
                log.warn("instance {} sent an empty answer to a segment statistics query", owner);
                throw new StoreUnavailableException(UNAVAILABLE, "the instance that owns the segment sent an empty answer");
            }
            return body;
        } catch (RestClientException e) {
            log.warn("instance {}, which owns the segment, did not answer: {}", owner, e.toString());
            throw new StoreUnavailableException(UNAVAILABLE, "another instance owns the segment and did not answer");
        }
    }
}
