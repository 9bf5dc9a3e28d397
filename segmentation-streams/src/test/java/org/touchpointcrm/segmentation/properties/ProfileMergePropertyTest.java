package org.touchpointcrm.segmentation.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.segmentation.dedupe.CountedTouchpoints;
import org.touchpointcrm.segmentation.profile.ProfileChange;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileMerger;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

/**
 * A merge counts every event once: for seeded random event sets A and B, some events in both, the survivor's
 * profile of A merged with the profile of B with the shared events uncounted is the profile of A ∪ B on every
 * field the events feed. One person sends them all (one e-mail address, one phone on SMS), so the consent
 * address rule, which may keep an older word for the right address, chooses as newest-wins does.
 */
class ProfileMergePropertyTest {

    private static final int SEEDS = 300;
    /** What tells the history of changes or the identity, not the events: may differ. */
    private static final Set<String> NOT_FED_BY_EVENTS = Set.of("customerId", "version", "lastEventId", "mergedFrom");

    private final ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));
    private final ProfileMerger merger = new ProfileMerger(updater);

    @TestFactory
    Stream<DynamicTest> mergingTwoProfilesGivesTheProfileOfTheUnionOfTheirEvents() {
        return seeds((seed, random) -> {
            List<TouchpointEvent> all = onePerson(seed);
            List<TouchpointEvent> a = new ArrayList<>();
            List<TouchpointEvent> b = new ArrayList<>();
            List<TouchpointEvent> both = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                TouchpointEvent e = all.get(i);
                // Each side has an event; every fourth seed shares none.
                switch (i < 2 ? i : random.nextInt(seed % 4 == 0 ? 2 : 3)) {
                    case 0 -> a.add(e);
                    case 1 -> b.add(e);
                    default -> {
                        a.add(e);
                        b.add(e);
                        both.add(e);
                    }
                }
            }
            CustomerProfile survivor = profile("c-1", a);
            CustomerProfile retired = profile("email:one@example.fi", b);
            for (TouchpointEvent shared : both) {
                updater.uncount(retired, CountedTouchpoints.of(shared), ProfileOrderPropertyTest.NOW);
            }

            CustomerProfile merged = merger.merge(survivor, retired, ProfileOrderPropertyTest.NOW).profile();

            CustomerProfile expected = profile("c-1", all);
            for (var field : CustomerProfile.getClassSchema().getFields()) {
                if (!NOT_FED_BY_EVENTS.contains(field.name())) {
                    assertThat(merged.get(field.pos()))
                            .as("seed %d, field %s (%d in A, %d in B, %d in both)", seed, field.name(), a.size(),
                                    b.size(), both.size())
                            .isEqualTo(expected.get(field.pos()));
                }
            }
            assertThat(merged.getMergedFrom()).containsExactly("email:one@example.fi");
        });
    }

    @TestFactory
    Stream<DynamicTest> uncountNamesEveryFieldItAlters() {
        return seeds((seed, random) -> {
            List<TouchpointEvent> events = onePerson(seed);
            CustomerProfile p = profile("c-1", events);
            for (TouchpointEvent e : events) {
                if (random.nextBoolean()) {
                    CustomerProfile before = ProfileOrderPropertyTest.copy(p);
                    ProfileChange change = updater.uncount(p, CountedTouchpoints.of(e), ProfileOrderPropertyTest.NOW);
                    assertThat(change.changedFields()).as("seed %d, %s", seed, e)
                            .containsAll(SegmentEvaluator.changedFields(before, change.profile()));
                }
            }
        });
    }

    private interface SeededCase {
        void check(long seed, Random random);
    }

    private static Stream<DynamicTest> seeds(SeededCase check) {
        return LongStream.rangeClosed(1, SEEDS).mapToObj(seed -> DynamicTest.dynamicTest("seed " + seed,
                () -> check.check(seed, new Random(seed))));
    }

    /** A random history's touchpoints, as one person with one e-mail address and one phone sends them. */
    private static List<TouchpointEvent> onePerson(long seed) {
        List<TouchpointEvent> events = new ArrayList<>();
        for (Object record : new RandomHistories(seed, ProfileOrderPropertyTest.NOW).history(40)) {
            if (record instanceof TouchpointEvent e) {
                e.getCustomer().setCustomerId("c-1");
                e.getCustomer().setEmail("one@example.fi");
                e.getCustomer().setPhone(e.getChannel() == Channel.SMS ? "+358401234567" : null);
                events.add(e);
            }
        }
        return events;
    }

    private CustomerProfile profile(String customerId, List<TouchpointEvent> events) {
        CustomerProfile p = null;
        for (TouchpointEvent e : events) {
            p = updater.apply(p, customerId, e, ProfileOrderPropertyTest.NOW);
        }
        return p;
    }
}
