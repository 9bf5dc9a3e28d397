package org.touchpointcrm.segmentation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.BuiltInSegments;

/** The topology the application builds, driven through its real topics. */
class SegmentationTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, TouchpointEvent> pos;
    private TestInputTopic<String, TouchpointEvent> email;
    private TestInputTopic<String, TouchpointEvent> web;
    private TestOutputTopic<String, CustomerProfile> profiles;
    private TestOutputTopic<String, SegmentChange> changes;

    @BeforeEach
    void startTopology() {
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, new SegmentationProperties(Duration.ofDays(7)), Clock.fixed(T0, ZoneOffset.UTC))
                .build(builder);
        driver = TopologyDrivers.start(builder, "crm-segmentation-test", stateDir, T0);
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
    void firstPurchaseBuildsTheProfileAndEntersPurchasers() {
        var purchase = Touchpoints.purchase("c-1", "49.90", T0);

        pos.pipeInput("c-1", purchase, T0);

        CustomerProfile profile = profiles.readValue();
        assertThat(profile.getCustomerId()).isEqualTo("c-1");
        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getPurchaseCount()).isEqualTo(1);
        assertThat(profile.getSpendByCurrency()).containsEntry("EUR", new BigDecimal("49.90"));
        assertThat(profile.getContactsByChannel()).containsEntry("POS", 1L);
        assertThat(profile.getSegments()).containsExactly(BuiltInSegments.PURCHASERS.id());

        var change = changes.readKeyValue();
        assertThat(change.key).isEqualTo("c-1");
        assertThat(change.value.getKind()).isEqualTo(SegmentChangeKind.ENTERED);
        assertThat(change.value.getSegmentId()).isEqualTo(BuiltInSegments.PURCHASERS.id());
        assertThat(change.value.getSegmentVersion()).isEqualTo(BuiltInSegments.PURCHASERS.version());
        assertThat(change.value.getTriggeringEventId()).isEqualTo(purchase.getEventId());
        assertThat(change.value.getProfileVersion()).isEqualTo(1);
        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void aRetriedEventIsCountedOnce() {
        var purchase = Touchpoints.purchase("c-1", "20.00", T0);

        pos.pipeInput("c-1", purchase, T0);
        pos.pipeInput("c-1", Touchpoints.retried(purchase), T0.plusSeconds(30));

        assertThat(profiles.readValuesToList()).hasSize(1);
        assertThat(changes.readValuesToList()).hasSize(1);
        assertThat(storedProfile("c-1").getPurchaseCount()).isEqualTo(1);
    }

    @Test
    void aSecondPurchaseAddsSpendButIsNoNewEntry() {
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "10.00", T0), T0);
        pos.pipeInput("c-1", Touchpoints.purchase("c-1", "5.50", T0.plusSeconds(60)), T0.plusSeconds(60));

        assertThat(changes.readValuesToList()).hasSize(1);
        CustomerProfile latest = profiles.readValuesToList().getLast();
        assertThat(latest.getVersion()).isEqualTo(2);
        assertThat(latest.getPurchaseCount()).isEqualTo(2);
        assertThat(latest.getSpendByCurrency()).containsEntry("EUR", new BigDecimal("15.50"));
    }

    @Test
    void contactsWithoutPurchaseBuildTheProfileButChangeNoSegment() {
        email.pipeInput("c-2", Touchpoints.emailOpened("c-2", T0), T0);
        web.pipeInput("c-2", Touchpoints.webVisit("c-2", T0.plusSeconds(5)), T0.plusSeconds(5));

        assertThat(changes.isEmpty()).isTrue();
        CustomerProfile profile = profiles.readValuesToList().getLast();
        assertThat(profile.getContactsByChannel()).containsEntry("EMAIL", 1L).containsEntry("WEB", 1L);
        assertThat(profile.getPurchaseCount()).isZero();
        assertThat(profile.getSegments()).isEmpty();
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
        assertThat(profile.getContactsByChannel()).containsEntry("WEB", 1L).containsEntry("POS", 1L);
        assertThat(changes.readKeyValue().key).isEqualTo("email:aino@example.fi");
    }

    private CustomerProfile storedProfile(String customerId) {
        KeyValueStore<String, CustomerProfile> store = driver.getKeyValueStore(UpdateProfile.STORE);
        return store.get(customerId);
    }

    private TestInputTopic<String, TouchpointEvent> input(Topic<String, TouchpointEvent> topic) {
        return TopologyDrivers.input(driver, topic);
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return TopologyDrivers.output(driver, topic);
    }
}
