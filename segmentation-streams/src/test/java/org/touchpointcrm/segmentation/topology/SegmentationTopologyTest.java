package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.platform.deadletters.DeadLetterCounter;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.hygiene.DeadLetterRecords;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.identity.CheckPlacement;
import org.touchpointcrm.segmentation.hygiene.RejectedRecordException;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.stats.SegmentMembers;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The topology the application builds, driven through its real topics. */
@ExtendWith(OutputCaptureExtension.class)
class SegmentationTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path stateDir;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private TopologyTestDriver driver;
    private TestInputTopic<String, TouchpointEvent> pos;
    private TestInputTopic<String, TouchpointEvent> email;
    private TestInputTopic<String, TouchpointEvent> web;
    private TestOutputTopic<String, CustomerProfile> profiles;
    private TestOutputTopic<String, SegmentChange> changes;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(),
                SegmentEvaluator.builtIn(), Clock.fixed(T0, ZoneOffset.UTC), meters).build(builder);
        driver = TopologyDrivers.start(builder, "crm-segmentation-test", stateDir, T0, DeadLetters.streamsConfig(meters));
        pos = input(Topics.TOUCHPOINTS_POS);
        email = input(Topics.TOUCHPOINTS_EMAIL);
        web = input(Topics.TOUCHPOINTS_WEB);
        profiles = output(Topics.CUSTOMER_PROFILES);
        changes = output(Topics.SEGMENT_CHANGES);
    }

    @AfterEach
    void stopTopology() {
        driver.close();
    }

    @Test
    void firstPurchaseBuildsTheProfileAndEntersItsSegmentsOnce() {
        var purchase = Touchpoints.purchase("c-1", "49.90", T0);

        pos.pipeInput("c-1", purchase, T0);

        CustomerProfile profile = profiles.readValue();
        assertThat(profile.getCustomerId()).isEqualTo("c-1");
        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getPurchases().getCount()).isEqualTo(1);
        assertThat(profile.getPurchases().getSpendByCurrency()).containsEntry("EUR", new BigDecimal("49.90"));
        assertThat(profile.getContactsByChannel().get("POS").getCount()).isEqualTo(1);
        assertThat(profile.getSegments()).containsExactly("consent-missing", "new", "one-time");

        var emitted = changes.readKeyValuesToList();
        assertThat(emitted).extracting(kv -> kv.value.getSegmentId())
                .containsExactlyInAnyOrder("consent-missing", "new", "one-time");
        for (var change : emitted) {
            assertThat(change.key).isEqualTo("c-1");
            assertThat(change.value.getKind()).isEqualTo(SegmentChangeKind.ENTERED);
            assertThat(change.value.getSegmentVersion()).isEqualTo(1);
            assertThat(change.value.getTriggeringEventId()).isEqualTo(purchase.getEventId());
            assertThat(change.value.getProfileVersion()).isEqualTo(1);
            assertThat(change.value.getChangedAt()).isEqualTo(T0);
        }
    }

    @Test
    void aRetriedEventIsCountedOnce() {
        var purchase = Touchpoints.purchase("c-1", "20.00", T0);

        pos.pipeInput("c-1", purchase, T0);
        pos.pipeInput("c-1", Touchpoints.retried(purchase), T0.plusSeconds(30));

        assertThat(profiles.readValuesToList()).hasSize(1);
        assertThat(changes.readValuesToList()).hasSize(3);
        assertThat(storedProfile("c-1").getPurchases().getCount()).isEqualTo(1);
        assertThat(meters.counter(SegmentationTopology.DUPLICATES_METRIC).count()).isEqualTo(1.0);
    }

    @Test
    void aSecondPurchaseMovesTheCustomerFromOneTimeToRepeat() {
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0), T0);
        changes.readValuesToList();
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "5.50", T0.minusSeconds(60)), T0.plusSeconds(60));

        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId, SegmentChange::getKind)
                .containsExactlyInAnyOrder(tuple("one-time", SegmentChangeKind.EXITED), tuple("repeat", SegmentChangeKind.ENTERED));
        CustomerProfile latest = profiles.readValuesToList().getLast();
        assertThat(latest.getVersion()).isEqualTo(2);
        assertThat(latest.getPurchases().getCount()).isEqualTo(2);
        assertThat(latest.getPurchases().getSpendByCurrency()).containsEntry("EUR", new BigDecimal("15.50"));
    }

    @Test
    void contactsWithoutPurchaseMakeAProspectWhoseLaterContactsChangeNoSegment() {
        email.pipeInput("c-2", Touchpoints.emailOpened("c-2", T0), T0);
        assertThat(changes.readValuesToList()).extracting(SegmentChange::getSegmentId)
                .containsExactlyInAnyOrder("never-purchased", "engaged-email", "consent-missing");

        web.pipeInput("c-2", Touchpoints.webVisit("c-2", T0.minusSeconds(5)), T0.plusSeconds(5));

        assertThat(changes.isEmpty()).isTrue();
        CustomerProfile profile = profiles.readValuesToList().getLast();
        assertThat(profile.getContactsByChannel()).containsOnlyKeys("EMAIL", "WEB");
        assertThat(profile.getPurchases().getCount()).isZero();
        assertThat(profile.getSegments()).containsExactly("consent-missing", "engaged-email", "never-purchased");
    }

    @Test
    void aTouchpointAlreadyOnItsCustomersPartitionSkipsTheRepartitionAndOneElsewhereTakesIt() {
        // TopologyTestDriver puts every input record on partition 0.
        String inPlace = customerOnPartition(0);
        String elsewhere = customerOnPartition(5);

        pos.pipeInput(inPlace, Touchpoints.purchase(inPlace, "1.00", T0), T0);
        assertThat(driver.producedTopicNames()).noneMatch(name -> name.endsWith("by-customer-repartition"));
        pos.pipeInput(elsewhere, Touchpoints.purchase(elsewhere, "1.00", T0), T0);
        assertThat(driver.producedTopicNames()).anyMatch(name -> name.endsWith("by-customer-repartition"));

        assertThat(storedProfile(inPlace).getPurchases().getCount()).isEqualTo(1);
        assertThat(storedProfile(elsewhere).getPurchases().getCount()).isEqualTo(1);
    }

    private static String customerOnPartition(int partition) {
        for (int i = 0; i < 1000; i++) {
            if (CheckPlacement.partitionOf("c-" + i, Topics.CUSTOMERS.partitions()) == partition) {
                return "c-" + i;
            }
        }
        throw new IllegalStateException("no customer id on partition " + partition);
    }

    @Test
    void aCustomerKnownOnlyByEmailIsOneProfileAcrossChannels() {
        var ids = CustomerIdentifiers.newBuilder().setEmail("aino@example.fi").build();
        var visit = TouchpointEvent.newBuilder(Touchpoints.webVisit("ignored", T0)).setCustomer(ids).build();
        var buy = TouchpointEvent.newBuilder(Touchpoints.purchase("ignored", "9.90", T0.plusSeconds(1))).setCustomer(ids).build();

        web.pipeInput("email:aino@example.fi", visit, T0);
        pos.pipeInput("email:aino@example.fi", buy, T0.plusSeconds(1));

        CustomerProfile profile = storedProfile("email:aino@example.fi");
        assertThat(profile.getVersion()).isEqualTo(2);
        assertThat(profile.getContactsByChannel()).containsOnlyKeys("WEB", "POS");
        assertThat(changes.readKeyValue().key).isEqualTo("email:aino@example.fi");
    }

    @Test
    void segmentChangesAreCountedIntoTheSegmentStatsAfterTheInterval() {
        TestOutputTopic<String, SegmentStats> stats = output(Topics.SEGMENT_STATS);

        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "9.90", T0), T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "19.90", T0), T0);
        assertThat(stats.isEmpty()).isTrue();

        driver.advanceWallClockTime(SegmentationProperties.defaults().statsInterval());

        var written = stats.readKeyValue();
        var oneTime = stats.readKeyValuesToMap().get(Topics.segmentStatsKey("one-time", T0));
        assertThat(oneTime.getEntered()).isEqualTo(2);
        assertThat(oneTime.getSize()).isEqualTo(2);
        assertThat(stats.isEmpty()).isTrue();
    }

    // A record that does not deserialize is dead-lettered by Kafka Streams itself; TopologyTestDriver
    // 4.2 does not capture those records, so the end-to-end test checks it on a real broker.

    @Test
    void aTouchpointThatBreaksARuleIsDeadLetteredWhole() {
        var noCurrency = TouchpointEvent.newBuilder(Touchpoints.purchase("c-1", "9.90", T0)).setCurrency("EURO").build();

        pos.pipeInput("c-1", noCurrency, T0);

        TestRecord<byte[], byte[]> dead = deadLetters().readRecord();
        assertThat(header(dead, "__streams.errors.exception")).isEqualTo(RejectedRecordException.class.getName());
        assertThat(header(dead, "__streams.errors.message")).contains("currency 'EURO'", noCurrency.getEventId());
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(Topics.TOUCHPOINTS_POS.name());
        TouchpointEvent original = TopologyDrivers.SERDES.value(Topics.TOUCHPOINTS_POS).deserializer()
                .deserialize(Topics.TOUCHPOINTS_POS.name(), dead.value());
        assertThat(original).isEqualTo(noCurrency);
        assertThat(storedProfile("c-1")).isNull();
        assertThat(profiles.isEmpty()).isTrue();
    }

    @Test
    void everyEmittedSegmentChangeIsCountedBySegmentAndChange() {
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0), T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "10.00", T0), T0);
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "5.00", T0.minusSeconds(60)), T0);

        assertThat(segmentChanges("one-time", "ENTERED")).isEqualTo(2.0);
        assertThat(segmentChanges("one-time", "EXITED")).isEqualTo(1.0);
        assertThat(segmentChanges("repeat", "ENTERED")).isEqualTo(1.0);
        double counted = meters.get(SegmentChangeMeters.CHANGES).counters().stream().mapToDouble(Counter::count).sum();
        assertThat(counted).isEqualTo(changes.readValuesToList().size());
    }

    @Test
    void eachSegmentChangeATouchpointCausesIsTimedFromItsOccurredAtToTheClockWhenEmitted() {
        // The topology's clock stands at T0: a purchase 1.5 s old enters three segments 1.5 s after it happened.
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "49.90", T0.minusMillis(1500)), T0);

        Timer posLatency = meters.get(SegmentChangeMeters.LATENCY).tag("channel", "POS").timer();
        assertThat(posLatency.count()).isEqualTo(3);
        assertThat(posLatency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3 * 1500.0);
        assertThat(posLatency.max(TimeUnit.MILLISECONDS)).isEqualTo(1500.0);
        assertThat(meters.get(SegmentChangeMeters.LATENCY).tag("channel", "WEB").timer().count()).isZero();
    }

    @Test
    void aChangeTheRegisterCausesIsCountedButNotTimedSinceNoTouchpointHappened() {
        TestInputTopic<String, CustomerRecord> customers = TopologyDrivers.input(driver, Topics.CUSTOMERS);

        customers.pipeInput("c-1", CustomerRecord.newBuilder().setCustomerId("c-1").setLastName("Virtanen")
                .setUpdatedAt(T0.minusSeconds(3600)).build(), T0);

        assertThat(changes.readValuesToList()).isNotEmpty();
        assertThat(meters.get(SegmentChangeMeters.CHANGES).counters()).isNotEmpty();
        assertThat(meters.get(SegmentChangeMeters.LATENCY).timers()).allSatisfy(timer -> assertThat(timer.count()).isZero());
    }

    @Test
    void theMembersOfEachSegmentShowAsAGauge() {
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0), T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "10.00", T0), T0);
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "5.00", T0.minusSeconds(60)), T0);

        assertThat(meters.get(SegmentMembers.NAME).tag("segment", "one-time").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get(SegmentMembers.NAME).tag("segment", "repeat").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void eachDeadLetterIsCountedWithItsDeadLetterTopicSourceTopicAndError() {
        var noCurrency = TouchpointEvent.newBuilder(Touchpoints.purchase("c-1", "9.90", T0)).setCurrency("EURO").build();

        pos.pipeInput("c-1", noCurrency, T0);

        assertThat(deadLetters().readRecordsToList()).hasSize(1);
        assertThat(meters.get(DeadLetterCounter.NAME).counters()).singleElement().satisfies(counter -> {
            assertThat(counter.getId().getTag("topic")).isEqualTo(Topics.DLQ_SEGMENTATION.name());
            assertThat(counter.getId().getTag("source_topic")).isEqualTo(Topics.TOUCHPOINTS_POS.name());
            assertThat(counter.getId().getTag("error")).isEqualTo(RejectedRecordException.class.getSimpleName());
            assertThat(counter.count()).isEqualTo(1.0);
        });
    }

    @Test
    void aRecordThatDoesNotDeserializeIsCountedAsADeadLetter() {
        var raw = driver.createInputTopic(Topics.TOUCHPOINTS_WEB.name(), new StringSerializer(), new ByteArraySerializer());

        raw.pipeInput("c-1", "not avro".getBytes(StandardCharsets.UTF_8), T0);

        assertThat(meters.get(DeadLetterCounter.NAME).tag("source_topic", Topics.TOUCHPOINTS_WEB.name())
                .tag("topic", Topics.DLQ_SEGMENTATION.name()).counter().count()).isEqualTo(1.0);
        assertThat(storedProfile("c-1")).isNull();
    }

    @Test
    void theRegisterJoinsTheProfileWhicheverComesFirst() {
        TestInputTopic<String, CustomerRecord> customers = TopologyDrivers.input(driver, Topics.CUSTOMERS);
        var record = CustomerRecord.newBuilder().setCustomerId("c-1").setFirstName("Aino").setLastName("Virtanen")
                .setEmail("aino.virtanen@example.fi").setRegion("Uusimaa").setUpdatedAt(T0).build();

        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "9.90", T0), T0);
        customers.pipeInput("c-1", record, T0);
        customers.pipeInput("c-2", CustomerRecord.newBuilder(record).setCustomerId("c-2").build(), T0);
        pos.pipeInput("c-2", Touchpoints.purchase("c-2", "9.90", T0), T0);

        for (String id : List.of("c-1", "c-2")) {
            CustomerProfile profile = storedProfile(id);
            assertThat(profile.getMaster().getRegion()).isEqualTo("Uusimaa");
            assertThat(profile.getEmail()).isEqualTo("aino.virtanen@example.fi");
            assertThat(profile.getPurchases().getCount()).isEqualTo(1);
            assertThat(profile.getVersion()).isEqualTo(2);
        }
    }

    @Test
    void aRejectedTouchpointOfACustomerKnownByEmailLeavesTheAddressOutOfTheLogAndTheDeadLettersHeaders(CapturedOutput output) {
        var ids = CustomerIdentifiers.newBuilder().setEmail("aino@example.fi").build();
        var noCurrency = TouchpointEvent.newBuilder(Touchpoints.purchase("ignored", "9.90", T0)).setCustomer(ids)
                .setCurrency("EURO").build();

        pos.pipeInput("email:aino@example.fi", noCurrency, T0);

        TestRecord<byte[], byte[]> dead = deadLetters().readRecord();
        assertThat(header(dead, "__streams.errors.message")).contains(noCurrency.getEventId()).doesNotContain("aino");
        assertThat(header(dead, "__streams.errors.stacktrace")).contains(RejectedRecordException.class.getName())
                .doesNotContain("aino");
        assertThat(output.getAll()).contains(noCurrency.getEventId()).doesNotContain("aino");
    }

    @Test
    void aRegisterRecordUnderAnotherKeyIsDeadLettered() {
        TestInputTopic<String, CustomerRecord> customers = TopologyDrivers.input(driver, Topics.CUSTOMERS);

        customers.pipeInput("c-9", CustomerRecord.newBuilder().setCustomerId("c-1").setUpdatedAt(T0).build(), T0);

        TestRecord<byte[], byte[]> dead = deadLetters().readRecord();
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(Topics.CUSTOMERS.name());
        assertThat(header(dead, "__streams.errors.message")).contains("not the record's key").doesNotContain("c-9", "c-1");
        assertThat(storedProfile("c-9")).isNull();
    }

    @Test
    void aLateEventLandsInItsOwnDayAndTheResultMatchesInOrderArrival() {
        Instant lastWeek = T0.minus(Duration.ofDays(7));
        Instant twoMonthsAgo = T0.minus(Duration.ofDays(60));

        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", lastWeek), T0);
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "30.00", twoMonthsAgo), T0);

        CustomerProfile profile = storedProfile("c-1");
        assertThat(profile.getPurchases().getFirstAt()).isEqualTo(twoMonthsAgo);
        assertThat(profile.getPurchases().getLastAt()).isEqualTo(lastWeek);
        assertThat(profile.getWindows().getPurchases30d()).isEqualTo(1);
        assertThat(profile.getWindows().getPurchases90d()).isEqualTo(2);
        assertThat(profile.getWindows().getSpend90d().get("EUR")).isEqualByComparingTo("40.00");
        assertThat(profile.getLifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
    }

    private TestOutputTopic<byte[], byte[]> deadLetters() {
        return DeadLetterRecords.topic(driver);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetterRecords.header(record, name);
    }

    private CustomerProfile storedProfile(String customerId) {
        KeyValueStore<String, CustomerProfile> store = driver.getKeyValueStore(UpdateProfile.STORE);
        return store.get(customerId);
    }

    private double segmentChanges(String segment, String change) {
        return meters.get(SegmentChangeMeters.CHANGES).tag("segment", segment).tag("change", change).counter().count();
    }

    private TestInputTopic<String, TouchpointEvent> input(Topic<String, TouchpointEvent> topic) {
        return TopologyDrivers.input(driver, topic);
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return TopologyDrivers.output(driver, topic);
    }
}
