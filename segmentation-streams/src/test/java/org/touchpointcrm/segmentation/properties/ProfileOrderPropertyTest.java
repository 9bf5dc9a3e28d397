package org.touchpointcrm.segmentation.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.segmentation.profile.ProfileChange;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/**
 * The profile is a function of the set of events, not of their order: for many seeded random
 * histories, applying them in another order gives the same profiles and the same membership. A
 * failing case names its seed, which regenerates it exactly.
 */
class ProfileOrderPropertyTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final int SEEDS = 300;

    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));
    private final SegmentEvaluator segments = SegmentEvaluator.builtIn();

    @TestFactory
    Stream<DynamicTest> anyArrivalOrderGivesTheSameProfiles() {
        return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            var histories = new RandomHistories(seed, NOW);
            List<Object> history = histories.history(60);

            var inOrder = applyAll(history);
            var reordered = applyAll(histories.shuffled(history));

            assertSameProfiles(seed, inOrder, reordered);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theUpdaterNamesEveryFieldAChangeAlters() {
        return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            Map<String, CustomerProfile> profiles = new TreeMap<>();
            for (Object record : new RandomHistories(seed, NOW).history(60)) {
                String customer = switch (record) {
                    case TouchpointEvent event -> event.getCustomer().getCustomerId();
                    case CustomerRecord register -> register.getCustomerId();
                    default -> throw new IllegalArgumentException(record.toString());
                };
                CustomerProfile before = copy(profiles.get(customer));
                ProfileChange change = record instanceof TouchpointEvent event
                        ? updater.change(profiles.get(customer), customer, event, NOW)
                        : updater.changeMaster(profiles.get(customer), customer, (CustomerRecord) record, NOW);
                if (change == null) {
                    continue;
                }
                if (before == null) {
                    assertThat(change.changedFields()).as("a new profile asks every rule").isNull();
                } else {
                    assertThat(change.changedFields()).as("seed %d, %s: fields said to change", seed, record)
                            .containsAll(SegmentEvaluator.changedFields(before, change.profile()));
                }
                profiles.put(customer, change.profile());
            }
        }));
    }

    /** Applies the records as the topology does, one customer's profile at a time. */
    Map<String, CustomerProfile> applyAll(List<Object> records) {
        Map<String, CustomerProfile> profiles = new TreeMap<>();
        for (Object record : records) {
            switch (record) {
                case TouchpointEvent event -> {
                    String customer = event.getCustomer().getCustomerId();
                    ProfileChange change = updater.change(profiles.get(customer), customer, event, NOW);
                    segments.reevaluate(change, NOW, event.getEventId());
                    profiles.put(customer, change.profile());
                }
                case CustomerRecord register -> {
                    String customer = register.getCustomerId();
                    ProfileChange change = updater.changeMaster(profiles.get(customer), customer, register, NOW);
                    if (change != null) {
                        segments.reevaluate(change, NOW, "register");
                        profiles.put(customer, change.profile());
                    }
                }
                default -> throw new IllegalArgumentException(record.toString());
            }
        }
        return profiles;
    }

    /**
     * Compares field by field, naming the differing fields. version and lastEventId tell the history
     * of changes (an older register record arriving last changes nothing, so it makes no version),
     * and may differ; nothing else may.
     */
    static void assertSameProfiles(long seed, Map<String, CustomerProfile> expected, Map<String, CustomerProfile> actual) {
        assertThat(actual.keySet()).as("seed %d: customers", seed).isEqualTo(expected.keySet());
        expected.forEach((id, e) -> {
            CustomerProfile a = actual.get(id);
            for (var field : CustomerProfile.getClassSchema().getFields()) {
                if (field.name().equals("version") || field.name().equals("lastEventId")) {
                    continue;
                }
                assertThat(a.get(field.pos())).as("seed %d, customer %s, field %s", seed, id, field.name())
                        .isEqualTo(e.get(field.pos()));
            }
        });
    }

    static CustomerProfile copy(CustomerProfile p) {
        return p == null ? null : CustomerProfile.newBuilder(p).build();
    }
}
