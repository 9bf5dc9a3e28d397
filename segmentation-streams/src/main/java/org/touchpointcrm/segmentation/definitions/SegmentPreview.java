package org.touchpointcrm.segmentation.definitions;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.query.PeerInstances;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;

/**
 * How many customers a rule matches right now, and pseudonyms of ten of them ({@link SamplePseudonyms}:
 * a preview shows no customer id and no contact data): every instance measures the
 * profiles of its own partitions, and the one asked adds up their answers. An answer that does not
 * cover every partition exactly once (a rebalance is moving them) is a 503, never a wrong count.
 */
@Component
public class SegmentPreview {

    static final String UNAVAILABLE = "A preview cannot be computed now";
    static final int SAMPLE_SIZE = 10;
    private static final Logger log = LoggerFactory.getLogger(SegmentPreview.class);

    private final StoreQueries stores;
    private final ProfileRuleCompiler compiler;
    private final RestClient peers;
    private final Clock clock;
    private final SamplePseudonyms pseudonyms = new SamplePseudonyms();

    public SegmentPreview(StoreQueries stores, ProfileRuleCompiler compiler, PeerInstances peers, Clock clock) {
        this.stores = stores;
        this.compiler = compiler;
        this.peers = peers.client();
        this.clock = clock;
    }

    /**
     * @param matching        customers the rule matches
     * @param sample          pseudonyms of up to ten of them, the first in the pseudonyms' order
     * @param profilesScanned profiles measured
     * @param partitions      the profile partitions measured
     * @param instances       how many instances measured their part
     * @param asOf            when the profiles were measured
     */
    public record Result(long matching, List<String> sample, long profilesScanned, List<Integer> partitions,
                         int instances, Instant asOf) {
    }

    /**
     * The profiles of this instance's partitions. A partition that is not here, or moves away while
     * it is read, is left out whole; {@link #merge} then sees that it is missing.
     */
    public Result local(CompiledRule rule) {
        Instant now = clock.instant();
        long matching = 0;
        long scanned = 0;
        TreeSet<String> sample = new TreeSet<>();
        List<Integer> partitions = new ArrayList<>();
        for (int partition = 0; partition < Topics.CUSTOMERS.partitions(); partition++) {
            Result part;
            try {
                part = measure(stores.localStore(UpdateProfile.STORE, partition, UNAVAILABLE), rule, now);
            } catch (StoreUnavailableException | InvalidStateStoreException notHere) {
                continue;
            }
            partitions.add(partition);
            matching += part.matching();
            scanned += part.profilesScanned();
            sample.addAll(part.sample());
        }
        return new Result(matching, sample.stream().limit(SAMPLE_SIZE).toList(), scanned, partitions, 1, now);
    }

    private Result measure(ReadOnlyKeyValueStore<String, CustomerProfile> store, CompiledRule rule, Instant now) {
        long matching = 0;
        long scanned = 0;
        TreeSet<String> sample = new TreeSet<>();
        try (KeyValueIterator<String, CustomerProfile> profiles = store.all()) {
            while (profiles.hasNext()) {
                CustomerProfile profile = profiles.next().value;
                scanned++;
                if (rule.matches(compiler.facts(profile, now))) {
                    matching++;
                    sample.add(pseudonyms.of(profile.getCustomerId()));
                    if (sample.size() > SAMPLE_SIZE) {
                        sample.pollLast();
                    }
                }
            }
        }
        return new Result(matching, List.copyOf(sample), scanned, List.of(), 1, now);
    }

    /**
     * Every instance's profiles. The other instances are asked with this instance's own key
     * ({@link PeerInstances}), not the caller's.
     */
    public Result everywhere(CompiledRule rule, String body) {
        KafkaStreams streams = stores.running(UNAVAILABLE);
        List<Result> parts = new ArrayList<>();
        parts.add(local(rule));
        for (StreamsMetadata instance : streams.streamsMetadataForStore(UpdateProfile.STORE)) {
            if (!stores.isThisInstance(instance.hostInfo())) {
                parts.add(ask(instance, body));
            }
        }
        return merge(parts);
    }

    /** The instance's address and its error go to the log only: the caller is told "another instance". */
    private Result ask(StreamsMetadata instance, String body) {
        try {
            Result result = peers.post()
                    .uri("http://{host}:{port}/v1/segment-definitions:preview", instance.host(), instance.port())
                    .header("Content-Type", "application/json")
                    .body(body)
                    .retrieve()
                    .body(Result.class);
            if (result == null) {
                log.warn("instance {} sent no answer to its part of a preview", instance.hostInfo());
                throw new StoreUnavailableException(UNAVAILABLE, "another instance sent no answer to its part");
            }
            return result;
        } catch (RestClientException e) {
            log.warn("instance {} did not answer its part of a preview: {}", instance.hostInfo(), e.toString());
            throw new StoreUnavailableException(UNAVAILABLE, "another instance did not answer its part");
        }
    }

    static Result merge(List<Result> parts) {
        long matching = 0;
        long scanned = 0;
        TreeSet<String> sample = new TreeSet<>();
        TreeSet<Integer> partitions = new TreeSet<>();
        Instant asOf = Instant.MIN;
        int instances = 0;
        for (Result part : parts) {
            instances += part.instances();
            matching += part.matching();
            scanned += part.profilesScanned();
            sample.addAll(part.sample());
            for (int partition : part.partitions()) {
                if (!partitions.add(partition)) {
                    throw new StoreUnavailableException(UNAVAILABLE, "partition " + partition
                            + " of the profiles is on two instances at once (rebalancing)");
                }
            }
            asOf = part.asOf().isAfter(asOf) ? part.asOf() : asOf;
        }
        if (partitions.size() != Topics.CUSTOMERS.partitions()) {
            throw new StoreUnavailableException(UNAVAILABLE, "only partitions " + partitions
                    + " of the profiles could be read (rebalancing)");
        }
        return new Result(matching, sample.stream().limit(SAMPLE_SIZE).toList(), scanned, List.copyOf(partitions),
                instances, asOf);
    }
}
