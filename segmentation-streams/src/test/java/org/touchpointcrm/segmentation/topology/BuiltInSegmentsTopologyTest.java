package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.rules.BuiltInSegments;
import org.touchpointcrm.rules.SegmentSpec;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Every built-in segment, entered and left through the topology the application runs, by the
 * touchpoints and register records that would do it in life. Time moves with a test clock; a
 * time-dependent segment moves at the customer's next event (the time sweep is separate work).
 */
class BuiltInSegmentsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Pattern REGION_RULE = Pattern.compile("inRegion\\(\"([^\"]+)\"\\)");

    @TempDir
    Path stateDir;

    private final MovableClock clock = new MovableClock(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestOutputTopic<String, SegmentChange> changes;

    @BeforeEach
    void start() {
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
                clock, meters).build(builder);
        driver = TopologyDrivers.start(builder, "built-in-segments-test", stateDir, T0, DeadLetters.streamsConfig(meters));
        changes = TopologyDrivers.output(driver, Topics.SEGMENT_CHANGES);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void everyBuiltInSegmentHasAnEntryAndExitScenarioHere() {
        Set<String> covered = new TreeSet<>(Set.of("loyal", "repeat", "one-time", "never-purchased", "new", "active",
                "lapsing", "dormant", "won-back", "key-accounts", "high-value", "engaged-email", "unengaged-email",
                "feedback-givers", "consent-missing"));
        regions().forEach(region -> covered.add(region.id()));

        assertThat(covered).isEqualTo(new TreeSet<>(BuiltInSegments.load().stream().map(SegmentSpec::id).toList()));
    }

    @Test
    void loyalNeedsFrequentRecentPurchasesAndIsLeftWhenTheyStop() {
        for (int day = 1; day <= 4; day++) {
            purchase("c-1", "20.00", daysAgo(day));
        }
        assertThat(member("c-1")).doesNotContain("loyal");
        assertEnters("c-1", "loyal", () -> purchase("c-1", "20.00", daysAgo(5)));
        assertExits("c-1", "loyal", () -> later(Duration.ofDays(100), "c-1"));
    }

    @Test
    void oneTimeBecomesRepeatWithTheSecondPurchaseAndRepeatStays() {
        assertEnters("c-1", "one-time", () -> purchase("c-1", "9.90", T0));
        drain();
        purchase("c-1", "9.90", T0);
        assertThat(drain()).contains(tuple("c-1", "one-time", SegmentChangeKind.EXITED),
                tuple("c-1", "repeat", SegmentChangeKind.ENTERED));
        later(Duration.ofDays(400), "c-1");
        returned("c-1");
        assertThat(member("c-1")).contains("repeat");
    }

    @Test
    void neverPurchasedIsLeftWithTheFirstPurchase() {
        assertEnters("c-1", "never-purchased", () -> visit("c-1"));
        assertExits("c-1", "never-purchased", () -> purchase("c-1", "5.00", T0));
    }

    @Test
    void newIsLeftThirtyDaysAfterTheFirstPurchase() {
        assertEnters("c-1", "new", () -> purchase("c-1", "5.00", T0));
        assertExits("c-1", "new", () -> later(Duration.ofDays(31), "c-1"));
    }

    @Test
    void activeTurnsLapsingAfterNinetyDaysWithoutPurchase() {
        assertEnters("c-1", "active", () -> purchase("c-1", "5.00", daysAgo(60)));
        drain();
        later(Duration.ofDays(40), "c-1");
        assertThat(drain()).contains(tuple("c-1", "active", SegmentChangeKind.EXITED),
                tuple("c-1", "lapsing", SegmentChangeKind.ENTERED));
    }

    @Test
    void lapsingIsLeftWithANewPurchase() {
        assertEnters("c-1", "lapsing", () -> purchase("c-1", "5.00", daysAgo(120)));
        assertExits("c-1", "lapsing", () -> purchase("c-1", "5.00", T0));
        assertThat(member("c-1")).contains("active");
    }

    @Test
    void dormantIsLeftByAWinBackThatLastsNinetyDays() {
        assertEnters("c-1", "dormant", () -> purchase("c-1", "5.00", daysAgo(200)));
        drain();
        purchase("c-1", "5.00", T0);
        assertThat(drain()).contains(tuple("c-1", "dormant", SegmentChangeKind.EXITED),
                tuple("c-1", "won-back", SegmentChangeKind.ENTERED));
        assertExits("c-1", "won-back", () -> later(Duration.ofDays(91), "c-1"));
    }

    @Test
    void keyAccountsFollowTheRegistersTier() {
        assertEnters("c-1", "key-accounts", () -> register("c-1", "Uusimaa", KeyAccountTier.GOLD, T0));
        assertExits("c-1", "key-accounts", () -> register("c-1", "Uusimaa", KeyAccountTier.NONE, T0.plusSeconds(1)));
    }

    @Test
    void highValueNeedsSpendAndFrequencyWithinAYear() {
        purchase("c-1", "200.00", daysAgo(100));
        purchase("c-1", "200.00", daysAgo(50));
        assertEnters("c-1", "high-value", () -> purchase("c-1", "200.00", daysAgo(10)));
        assertExits("c-1", "high-value", () -> later(Duration.ofDays(366), "c-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regions")
    void aRegionSegmentFollowsTheRegistersRegion(SegmentSpec region) {
        String name = regionName(region);
        String elsewhere = name.equals("Lappi") ? "Uusimaa" : "Lappi";
        assertEnters("c-1", region.id(), () -> register("c-1", name, KeyAccountTier.NONE, T0));
        assertExits("c-1", region.id(), () -> register("c-1", elsewhere, KeyAccountTier.NONE, T0.plusSeconds(1)));
    }

    @Test
    void engagedByEmailLastsNinetyDaysAfterAnOpen() {
        assertEnters("c-1", "engaged-email", () -> send(Touchpoints.emailOpened("c-1", T0)));
        assertExits("c-1", "engaged-email", () -> later(Duration.ofDays(91), "c-1"));
    }

    @Test
    void unengagedByEmailIsLeftWithAnOpen() {
        assertEnters("c-1", "unengaged-email",
                () -> send(Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.MESSAGE_SENT, T0).build()));
        assertExits("c-1", "unengaged-email", () -> send(Touchpoints.emailOpened("c-1", T0)));
    }

    /** repeat and feedback-givers read counts that never go down: no event makes a member leave. */
    @Test
    void feedbackGiversStay() {
        assertEnters("c-1", "feedback-givers", () -> send(Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, T0)
                .setText("Hyvä palvelu").setRating(5).build()));
        later(Duration.ofDays(400), "c-1");
        assertThat(member("c-1")).contains("feedback-givers");
    }

    @Test
    void consentMissingIsLeftWithAMarketingConsentAndReenteredWhenItIsWithdrawn() {
        assertEnters("c-1", "consent-missing", () -> visit("c-1"));
        assertExits("c-1", "consent-missing", () -> consent("c-1", TouchpointType.CONSENT_GIVEN, T0));
        assertEnters("c-1", "consent-missing",
                () -> send(Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.UNSUBSCRIBED, T0.plusSeconds(60)).build()));
    }

    static Stream<SegmentSpec> regions() {
        return BuiltInSegments.load().stream().filter(s -> REGION_RULE.matcher(s.rule()).find());
    }

    private static String regionName(SegmentSpec region) {
        Matcher m = REGION_RULE.matcher(region.rule());
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private void assertEnters(String customer, String segment, Runnable action) {
        drain();
        action.run();
        assertThat(drain()).as("%s enters %s", customer, segment).contains(tuple(customer, segment, SegmentChangeKind.ENTERED));
        assertThat(member(customer)).contains(segment);
    }

    private void assertExits(String customer, String segment, Runnable action) {
        drain();
        action.run();
        assertThat(drain()).as("%s leaves %s", customer, segment).contains(tuple(customer, segment, SegmentChangeKind.EXITED));
        assertThat(member(customer)).doesNotContain(segment);
    }

    private List<org.assertj.core.groups.Tuple> drain() {
        return changes.readValuesToList().stream()
                .map(c -> tuple(c.getCustomerId(), c.getSegmentId(), c.getKind())).toList();
    }

    private List<String> member(String customer) {
        CustomerProfile profile = driver.<String, CustomerProfile>getKeyValueStore(UpdateProfile.STORE).get(customer);
        return profile == null ? List.of() : profile.getSegments();
    }

    private Instant daysAgo(int days) {
        return clock.instant().minus(Duration.ofDays(days));
    }

    /** Time passes; then the customer's next contact re-evaluates the time-dependent parts. */
    private void later(Duration duration, String customer) {
        clock.advance(duration);
        visit(customer);
    }

    private void purchase(String customer, String amount, Instant at) {
        send(Touchpoints.purchase(customer, amount, at));
    }

    private void returned(String customer) {
        send(Touchpoints.event(customer, Channel.POS, TouchpointType.RETURN, clock.instant())
                .setAmount(new java.math.BigDecimal("5.00")).setCurrency("EUR").build());
    }

    private void visit(String customer) {
        send(Touchpoints.webVisit(customer, clock.instant()));
    }

    private void consent(String customer, TouchpointType type, Instant at) {
        send(Touchpoints.event(customer, Channel.EMAIL, type, at).setConsentPurpose("marketing").build());
    }

    private void send(TouchpointEvent event) {
        TopologyDrivers.input(driver, Topics.touchpoints(event.getChannel()))
                .pipeInput(event.getCustomer().getCustomerId(), event, clock.instant());
    }

    private void register(String customer, String region, KeyAccountTier tier, Instant updatedAt) {
        TopologyDrivers.input(driver, Topics.CUSTOMERS).pipeInput(customer, CustomerRecord.newBuilder()
                .setCustomerId(customer).setLastName("Virtanen").setRegion(region).setKeyAccountTier(tier)
                .setUpdatedAt(updatedAt).build(), clock.instant());
    }

    /** A clock the test moves forward. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
