package org.touchpointcrm.segmentation.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.topology.SegmentationTopology;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Through the whole topology: a history replayed in another order, with retried duplicates mixed
 * in, leaves the same profiles, and the segment changes it emitted add up to the final membership
 * with no change emitted twice in a row.
 */
class TopologyReplayPropertyTest {

    private static final int SEEDS = 16;

    @TempDir
    Path stateDirs;

    @TestFactory
    Stream<DynamicTest> reorderedHistoryWithRetriesGivesTheSameProfilesAndMembership() {
        return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var histories = new RandomHistories(seed, ProfileOrderPropertyTest.NOW);
            List<Object> history = histories.history(50);

            Run once = run(history, seed + "-once");
            Run replayed = run(histories.withRetries(histories.shuffled(history)), seed + "-replayed");

            ProfileOrderPropertyTest.assertSameProfiles(seed, once.profiles, replayed.profiles);
            for (Run r : List.of(once, replayed)) {
                r.profiles.forEach((customer, profile) -> assertThat(r.membership.getOrDefault(customer, Set.of()))
                        .as("seed %d, customer %s: changes emitted add up to the membership", seed, customer)
                        .isEqualTo(new TreeSet<>(profile.getSegments())));
            }
        }));
    }

    record Run(Map<String, CustomerProfile> profiles, Map<String, Set<String>> membership) {
    }

    private Run run(List<Object> records, String name) throws Exception {
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(),
                SegmentEvaluator.builtIn(), Clock.fixed(ProfileOrderPropertyTest.NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry()).build(builder);
        Path dir = Files.createDirectories(stateDirs.resolve(name));
        try (TopologyTestDriver driver = TopologyDrivers.start(builder, "property-" + name, dir,
                ProfileOrderPropertyTest.NOW, DeadLetters.streamsConfig())) {
            var customers = TopologyDrivers.input(driver, Topics.CUSTOMERS);
            for (Object record : records) {
                switch (record) {
                    case TouchpointEvent event -> TopologyDrivers.input(driver, Topics.touchpoints(event.getChannel()))
                            .pipeInput(CustomerReference.of(event.getCustomer()), event, ProfileOrderPropertyTest.NOW);
                    case CustomerRecord register -> customers.pipeInput(register.getCustomerId(), register,
                            ProfileOrderPropertyTest.NOW);
                    default -> throw new IllegalArgumentException(record.toString());
                }
            }
            Map<String, Set<String>> membership = new HashMap<>();
            for (SegmentChange change : TopologyDrivers.output(driver, Topics.SEGMENT_CHANGES).readValuesToList()) {
                Set<String> members = membership.computeIfAbsent(change.getCustomerId(), c -> new TreeSet<>());
                boolean changed = change.getKind() == SegmentChangeKind.ENTERED
                        ? members.add(change.getSegmentId()) : members.remove(change.getSegmentId());
                assertThat(changed).as("%s %s %s is a real change", change.getCustomerId(), change.getKind(),
                        change.getSegmentId()).isTrue();
            }
            Map<String, CustomerProfile> profiles = new TreeMap<>();
            try (var all = driver.<String, CustomerProfile>getKeyValueStore(UpdateProfile.STORE).all()) {
                all.forEachRemaining(kv -> profiles.put(kv.key, kv.value));
            }
            return new Run(profiles, membership);
        }
    }
}
