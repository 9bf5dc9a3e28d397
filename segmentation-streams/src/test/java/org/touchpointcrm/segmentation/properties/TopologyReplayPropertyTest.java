package org.touchpointcrm.segmentation.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentBackfill;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.profile.BackfillSegments;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;
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

    /**
     * Marketers publish, change, draft and retire segments while touchpoints flow and back-fills run
     * slice by slice: the changes emitted still add up to the membership, and once the back-fills
     * are done every profile is in exactly the marketer segments whose newest definition is active
     * and matches it.
     */
    @TestFactory
    Stream<DynamicTest> definitionsChangingMidStreamKeepTheHistoryOfMembershipComplete() {
        return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var random = new Random(seed);
            var histories = new RandomHistories(seed, ProfileOrderPropertyTest.NOW);
            List<Object> history = new ArrayList<>(histories.history(50));
            for (int i = 0; i < 12; i++) {
                String id = MARKETER_SEGMENTS.get(random.nextInt(MARKETER_SEGMENTS.size()));
                SegmentStatus status = STATUSES.get(random.nextInt(STATUSES.size()));
                history.add(random.nextInt(history.size() + 1), definition(id, 0,
                        RULES.get(random.nextInt(RULES.size())), status));
            }
            // Versions grow in topic order, as the admin API writes them.
            Map<String, Integer> versions = new HashMap<>();
            history.replaceAll(record -> record instanceof SegmentDefinition definition
                    ? SegmentDefinition.newBuilder(definition).setVersion(versions.merge(definition.getId(), 1, Integer::sum))
                    .build() : record);
            for (int i = 0; i < 20; i++) {
                history.add(random.nextInt(history.size() + 1), SLICE);
            }

            Run run = run(history, seed + "-definitions", 1 + random.nextInt(4));

            run.profiles.forEach((customer, profile) -> assertThat(run.membership.getOrDefault(customer, Set.of()))
                    .as("seed %d, customer %s: changes emitted add up to the membership", seed, customer)
                    .isEqualTo(new TreeSet<>(profile.getSegments())));
            ProfileRuleCompiler compiler = new ProfileRuleCompiler();
            for (String id : MARKETER_SEGMENTS) {
                SegmentDefinition newest = run.definitions.get(id);
                CompiledRule rule = newest == null ? null : compiler.compile(newest.getRule());
                run.profiles.forEach((customer, profile) -> {
                    boolean expected = newest != null && newest.getStatus() == SegmentStatus.ACTIVE
                            && rule.matches(compiler.facts(profile, ProfileOrderPropertyTest.NOW));
                    assertThat(profile.getSegments().contains(id))
                            .as("seed %d, customer %s in %s (%s)", seed, customer, id, newest).isEqualTo(expected);
                });
            }
        }));
    }

    private static final List<String> MARKETER_SEGMENTS = List.of("m-buyers", "m-web", "m-uusimaa");
    private static final List<String> RULES = List.of("profile.purchases.count >= 1", "profile.purchases.count >= 2",
            "'WEB' in profile.contactsByChannel", "inRegion(\"Uusimaa\")", "profile.lifecycleStage == \"ACTIVE\"");
    private static final List<SegmentStatus> STATUSES = List.of(SegmentStatus.ACTIVE, SegmentStatus.ACTIVE,
            SegmentStatus.ACTIVE, SegmentStatus.DRAFT, SegmentStatus.RETIRED);
    /** In a history: let the wall clock run one back-fill slice. */
    private static final Object SLICE = new Object();

    private static SegmentDefinition definition(String id, int version, String rule, SegmentStatus status) {
        return SegmentDefinition.newBuilder().setId(id).setName(id).setDescription(null).setRule(rule)
                .setOwner("marketer").setVersion(version).setStatus(status).setDependsOnTime(false)
                .setFieldsRead(List.of()).setCreatedAt(ProfileOrderPropertyTest.NOW)
                .setChangedAt(ProfileOrderPropertyTest.NOW).build();
    }

    private static boolean applied(SegmentCatalogue catalogue, KeyValueStore<String, SegmentBackfill> progress) {
        return catalogue.entries().stream().allMatch(entry -> {
            SegmentBackfill done = progress.get(entry.id());
            return done != null && done.getVersion() == entry.version() && done.getDone();
        });
    }

    record Run(Map<String, CustomerProfile> profiles, Map<String, Set<String>> membership,
               Map<String, SegmentDefinition> definitions) {
    }

    private Run run(List<Object> records, String name) throws Exception {
        return run(records, name, SegmentationProperties.Backfill.DEFAULTS.sliceSize());
    }

    private Run run(List<Object> records, String name, int sliceSize) throws Exception {
        var builder = new StreamsBuilder();
        var meters = new SimpleMeterRegistry();
        var evaluator = SegmentEvaluator.builtIn();
        SegmentationProperties defaults = SegmentationProperties.defaults();
        var backfill = new SegmentationProperties.Backfill(sliceSize, defaults.backfill().interval());
        new SegmentationTopology(TopologyDrivers.SERDES, new SegmentationProperties(defaults.dedupeRetention(),
                defaults.rfm(), defaults.lifecycle(), defaults.statsInterval(), backfill, defaults.timeline()),
                evaluator, Clock.fixed(ProfileOrderPropertyTest.NOW, ZoneOffset.UTC),
                meters).build(builder);
        Path dir = Files.createDirectories(stateDirs.resolve(name));
        try (TopologyTestDriver driver = TopologyDrivers.start(builder, "property-" + name, dir,
                ProfileOrderPropertyTest.NOW, DeadLetters.streamsConfig(meters))) {
            var customers = TopologyDrivers.input(driver, Topics.CUSTOMERS);
            var definitions = TopologyDrivers.input(driver, Topics.SEGMENT_DEFINITIONS);
            Map<String, SegmentDefinition> newest = new HashMap<>();
            for (Object record : records) {
                if (record == SLICE) {
                    driver.advanceWallClockTime(backfill.interval());
                    continue;
                }
                switch (record) {
                    case SegmentDefinition definition -> {
                        definitions.pipeInput(definition.getId(), definition, ProfileOrderPropertyTest.NOW);
                        newest.put(definition.getId(), definition);
                    }
                    case TouchpointEvent event -> TopologyDrivers.input(driver, Topics.touchpoints(event.getChannel()))
                            .pipeInput(CustomerReference.of(event.getCustomer()), event, ProfileOrderPropertyTest.NOW);
                    case CustomerRecord register -> customers.pipeInput(register.getCustomerId(), register,
                            ProfileOrderPropertyTest.NOW);
                    default -> throw new IllegalArgumentException(record.toString());
                }
            }
            // Slices until every definition's newest version has been applied to every stored profile.
            KeyValueStore<String, SegmentBackfill> progress = driver.getKeyValueStore(BackfillSegments.STORE);
            for (int slice = 0; slice < 500 && !applied(evaluator.catalogue(), progress); slice++) {
                driver.advanceWallClockTime(backfill.interval());
            }
            assertThat(applied(evaluator.catalogue(), progress)).as("every back-fill done").isTrue();
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
            return new Run(profiles, membership, newest);
        }
    }
}
