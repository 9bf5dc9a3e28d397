package org.touchpointcrm.segmentation.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.HandoffKind;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.IdentityLink;
import org.touchpointcrm.avro.LinkKind;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.schemas.fixtures.TopologyDrivers;
import org.touchpointcrm.schemas.fixtures.Touchpoints;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.hygiene.DeadLetterRecords;
import org.touchpointcrm.segmentation.hygiene.DeadLetters;
import org.touchpointcrm.segmentation.hygiene.RejectedRecordException;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.sweep.SweepProperties;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.topology.SegmentationTopology;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The identity graph in the topology the application builds: linking, new customers, caps, never-link, conflicts. */
class IdentityTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @TempDir
    Path stateDir;

    private MeterRegistry meters;
    private String applicationId;
    private TopologyTestDriver driver;

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void aFormWithOnlyTheEmailOfAKnownCustomerLandsOnThatCustomer() {
        start(IdentityProperties.DEFAULTS);

        send(ids("c-1", "aino@example.fi", null, null, null), TouchpointType.PURCHASE, "e-1");
        send(ids(null, "aino@example.fi", null, null, null), TouchpointType.FORM_SUBMITTED, "e-2");

        CustomerProfile profile = profile("c-1");
        assertThat(profile.getPurchases().getCount()).isEqualTo(1);
        assertThat(profile.getContactsByChannel().get("WEB").getCount()).isEqualTo(1);
        assertThat(profile.getIdentifiers()).containsExactly("c-1", "email:aino@example.fi");
        assertThat(profile("email:aino@example.fi")).isNull();
        assertThat(links()).containsEntry("email:aino@example.fi", "c-1").containsEntry("c-1", "c-1");
        assertThat(published()).contains(KeyValue.pair("email:aino@example.fi", "c-1"));
    }

    @Test
    void anEventWithOnlyUnknownIdentifiersNamesANewCustomerByItsStrongestIdentifier() {
        start(IdentityProperties.DEFAULTS);

        send(ids(null, null, "+358401234567", "card-7", "v-1"), TouchpointType.PURCHASE, "e-1");

        assertThat(profile("phone:+358401234567").getIdentifiers())
                .containsExactly("anon:v-1", "card:card-7", "phone:+358401234567");
        assertThat(links()).containsEntry("phone:+358401234567", "phone:+358401234567")
                .containsEntry("card:card-7", "phone:+358401234567").containsEntry("anon:v-1", "phone:+358401234567");
        // A later visit under the anonymous id alone finds the same customer.
        send(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-2");
        assertThat(profile("phone:+358401234567").getContactsByChannel().get("WEB").getCount()).isEqualTo(1);
        assertThat(profile("phone:+358401234567").getPurchases().getCount()).isEqualTo(1);
        assertThat(profile("anon:v-1")).isNull();
    }

    @Test
    void aReplayOfTheSameInputGivesTheSameCustomerIds() {
        List<CustomerIdentifiers> input = List.of(
                ids(null, null, null, null, "v-1"),
                ids(null, "aino@example.fi", null, null, "v-2"),
                ids(null, null, null, "card-7", null),
                ids(null, "aino@example.fi", null, "card-8", null),
                ids(null, null, "+358401234567", null, "v-1"));

        List<KeyValue<String, String>> first = run(input);
        List<KeyValue<String, String>> replay = run(input);

        assertThat(replay).isEqualTo(first);
        assertThat(first).extracting(kv -> kv.value).contains("anon:v-1", "email:aino@example.fi", "card:card-7");
        assertThat(first).doesNotContain(KeyValue.pair("card:card-8", "card:card-8"));
    }

    @Test
    void identifiersOverTheirKindsCapAreNotLinked() {
        start(new IdentityProperties(IdentityRules.KINDS, Set.of(), new IdentityProperties.MaxPerCustomer(5, 5, 10, 2)));

        send(ids("c-1", null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-1");
        send(ids("c-1", null, null, null, "v-2"), TouchpointType.WEB_VISIT, "e-2");
        send(ids("c-1", null, null, null, "v-3"), TouchpointType.WEB_VISIT, "e-3");

        assertThat(profile("c-1").getIdentifiers()).containsExactly("anon:v-1", "anon:v-2", "c-1");
        assertThat(links()).doesNotContainKey("anon:v-3");
        assertThat(meters.counter(IdentityMeters.CAPPED).count()).isEqualTo(1.0);
        // So the third device stays a visitor of its own.
        send(ids(null, null, null, null, "v-3"), TouchpointType.WEB_VISIT, "e-4");
        assertThat(profile("anon:v-3")).isNotNull();
    }

    @Test
    void aNeverLinkValueJoinsNobody() {
        start(new IdentityProperties(IdentityRules.KINDS, Set.of("email:test@example.com"),
                IdentityProperties.DEFAULTS.maxPerCustomer()));

        send(ids("c-1", "test@example.com", null, null, null), TouchpointType.PURCHASE, "e-1");
        send(ids("c-2", "test@example.com", null, null, null), TouchpointType.PURCHASE, "e-2");
        send(ids(null, "test@example.com", null, null, "v-1"), TouchpointType.FORM_SUBMITTED, "e-3");
        send(ids(null, "test@example.com", null, null, null), TouchpointType.FORM_SUBMITTED, "e-4");

        assertThat(profile("c-1").getIdentifiers()).containsExactly("c-1");
        assertThat(profile("c-2").getIdentifiers()).containsExactly("c-2");
        // Resolved by the next identifier that may link, the anonymous id...
        assertThat(profile("anon:v-1").getIdentifiers()).containsExactly("anon:v-1");
        // ... and with nothing else, a customer of its own that nothing resolves through.
        assertThat(profile("email:test@example.com").getIdentifiers()).isEmpty();
        assertThat(links()).doesNotContainKey("email:test@example.com");
        assertThat(meters.counter(IdentityMeters.CONFLICTS).count()).isZero();
        assertThat(deadLetters().isEmpty()).isTrue();
    }

    @Test
    void twoRegisterIdsClaimingOneIdentifierAreDeadLetteredForAPerson() {
        start(IdentityProperties.DEFAULTS);

        send(ids("c-1", "shared@example.fi", null, null, null), TouchpointType.PURCHASE, "e-1");
        send(ids("c-2", "shared@example.fi", null, null, null), TouchpointType.PURCHASE, "e-2");

        TestRecord<byte[], byte[]> dead = deadLetters().readRecord();
        assertThat(header(dead, "__streams.errors.exception")).isEqualTo(RejectedRecordException.class.getName());
        assertThat(header(dead, "__streams.errors.message")).contains(LinkIdentifier.CONFLICT_REASON, "e-2")
                .doesNotContain("shared@example.fi");
        assertThat(header(dead, "__streams.errors.topic")).isEqualTo(Topics.IDENTITY_LINK_REQUESTS.name());
        LinkRequest request = TopologyDrivers.SERDES.value(Topics.IDENTITY_LINK_REQUESTS).deserializer()
                .deserialize(Topics.IDENTITY_LINK_REQUESTS.name(), dead.value());
        assertThat(request.getIdentifier()).isEqualTo("email:shared@example.fi");
        assertThat(request.getCustomerId()).isEqualTo("c-2");
        assertThat(meters.counter(IdentityMeters.CONFLICTS).count()).isEqualTo(1.0);
        // Nothing merged: the identifier keeps its first customer, both profiles live on.
        assertThat(links()).containsEntry("email:shared@example.fi", "c-1");
        assertThat(profile("c-1").getMergedInto()).isNull();
        assertThat(profile("c-2").getMergedInto()).isNull();
        assertThat(profile("c-2").getPurchases().getCount()).isEqualTo(1);
    }

    @Test
    void aChainOfThreeIdentitiesEndsAsOneProfileHoldingEveryHistoryOnce() {
        start(IdentityProperties.DEFAULTS);
        send(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-1");
        send(ids(null, null, null, "card-7", null), TouchpointType.PURCHASE, "e-2");
        send(ids(null, null, "+358401234567", null, null), TouchpointType.WEB_VISIT, "e-3");
        segmentChanges().readValuesToList();

        // The till links the anonymous visitor to the card, then the phone links the card.
        send(ids(null, null, null, "card-7", "v-1"), TouchpointType.PURCHASE, "e-4");
        assertThat(segmentChanges().readKeyValuesToList()).filteredOn(kv -> kv.key.equals("anon:v-1")).isNotEmpty()
                .allSatisfy(kv -> assertThat(kv.value.getKind()).isEqualTo(SegmentChangeKind.EXITED));
        send(ids(null, null, "+358401234567", "card-7", null), TouchpointType.WEB_VISIT, "e-5");

        CustomerProfile survivor = profile("phone:+358401234567");
        assertThat(survivor.getPurchases().getCount()).isEqualTo(2);
        assertThat(survivor.getContactsByChannel().get("WEB").getCount()).isEqualTo(3);
        assertThat(survivor.getMergedFrom()).containsExactly("anon:v-1", "card:card-7");
        assertThat(survivor.getIdentifiers()).containsExactly("anon:v-1", "card:card-7", "phone:+358401234567");
        assertThat(profile("anon:v-1").getMergedInto()).isEqualTo("card:card-7");
        assertThat(profile("card:card-7").getMergedInto()).isEqualTo("phone:+358401234567");
        assertThat(profile("card:card-7").getSegments()).isEmpty();
        assertThat(links()).containsEntry("anon:v-1", "phone:+358401234567")
                .containsEntry("card:card-7", "phone:+358401234567");
        var changes = segmentChanges().readKeyValuesToList();
        assertThat(changes).filteredOn(kv -> kv.key.equals("card:card-7")).isNotEmpty()
                .allSatisfy(kv -> assertThat(kv.value.getKind()).isEqualTo(SegmentChangeKind.EXITED));
        assertThat(changes).filteredOn(kv -> kv.key.equals("card:card-7"))
                .allSatisfy(kv -> assertThat(kv.value.getTriggeringEventId()).isEqualTo("merge@phone:+358401234567"));
        assertThat(timelineEvents("phone:+358401234567")).containsExactlyInAnyOrder("e-1", "e-2", "e-3", "e-4", "e-5");
        assertThat(timelineEvents("card:card-7")).isEmpty();

        // Later events for any of the retired identifiers land on the survivor.
        send(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-6");
        assertThat(profile("phone:+358401234567").getContactsByChannel().get("WEB").getCount()).isEqualTo(4);
    }

    @Test
    void aMergeThatArrivesTwiceChangesNothing() {
        start(IdentityProperties.DEFAULTS);
        send(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-1");
        send(ids(null, "aino@example.fi", null, null, "v-1"), TouchpointType.FORM_SUBMITTED, "e-2");
        CustomerProfile merged = profile("email:aino@example.fi");
        assertThat(merged.getContactsByChannel().get("WEB").getCount()).isEqualTo(2);
        var written = TopologyDrivers.output(driver, Topics.CUSTOMER_PROFILES);
        written.readValuesToList();

        TopologyDrivers.input(driver, Topics.IDENTITY_LINK_REQUESTS).pipeInput("anon:v-1", LinkRequest.newBuilder()
                .setIdentifier("anon:v-1").setCustomerId("anon:v-1").setKind(LinkKind.LINK).setEventId("e-1").build(), T0);
        var handoffs = TopologyDrivers.input(driver, Topics.PROFILE_HANDOFFS);
        handoffs.pipeInput("anon:v-1", ProfileHandoff.newBuilder().setTarget("anon:v-1").setKind(HandoffKind.RETIRE)
                .setInto("email:aino@example.fi").setEventId("e-2").build(), T0);
        handoffs.pipeInput("email:aino@example.fi", ProfileHandoff.newBuilder().setTarget("email:aino@example.fi")
                .setKind(HandoffKind.ABSORB).setProfile(mergedFromVisitor()).setEventId("e-2").build(), T0);

        assertThat(written.isEmpty()).isTrue();
        assertThat(profile("email:aino@example.fi")).isEqualTo(merged);
        assertThat(links()).containsEntry("anon:v-1", "email:aino@example.fi");
    }

    @Test
    void aTouchpointInFlightWhenItsCustomerIsRetiredReachesTheSurvivor() {
        start(IdentityProperties.DEFAULTS);
        send(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-1");
        send(ids(null, "aino@example.fi", null, null, "v-1"), TouchpointType.FORM_SUBMITTED, "e-2");

        // Resolved to the visitor before the merge, it reaches the visitor's profile after it.
        TouchpointEvent late = touchpoint(ids(null, null, null, null, "v-1"), TouchpointType.WEB_VISIT, "e-3");
        driver.createInputTopic(applicationId + "-by-customer-repartition",
                        TopologyDrivers.SERDES.key(Topics.CUSTOMER_PROFILES).serializer(),
                        TopologyDrivers.SERDES.avro(TouchpointEvent.class).serializer())
                .pipeInput("anon:v-1", late, T0);

        assertThat(profile("email:aino@example.fi").getContactsByChannel().get("WEB").getCount()).isEqualTo(3);
        assertThat(profile("anon:v-1").getMergedInto()).isEqualTo("email:aino@example.fi");
        assertThat(timelineEvents("email:aino@example.fi")).contains("e-3");
        assertThat(timelineEvents("anon:v-1")).isEmpty();
        // Counted at the survivor: its retry under the e-mail is a duplicate.
        send(ids(null, "aino@example.fi", null, null, null), TouchpointType.WEB_VISIT, "e-3");
        assertThat(profile("email:aino@example.fi").getContactsByChannel().get("WEB").getCount()).isEqualTo(3);
    }

    @Test
    void aRetryUnderAnotherIdentifierIsCountedOnce() {
        start(IdentityProperties.DEFAULTS);
        send(ids("c-1", "aino@example.fi", null, "card-7", null), TouchpointType.PURCHASE, "e-1");

        // The till retries the same purchase, this time knowing only the card.
        send(ids(null, null, null, "card-7", null), TouchpointType.PURCHASE, "e-1");

        assertThat(profile("c-1").getPurchases().getCount()).isEqualTo(1);
        assertThat(profile("card:card-7")).isNull();
        assertThat(meters.counter(SegmentationTopology.DUPLICATES_METRIC).count()).isEqualTo(1.0);
    }

    @Test
    void aRetryThatRacesAMergeIsCountedOnce() {
        start(IdentityProperties.DEFAULTS);
        send(ids(null, null, null, null, "v-1"), TouchpointType.PURCHASE, "e-1");

        // The same purchase retried with the e-mail the visitor gave meanwhile: counted by a new customer, whose
        // merge with the visitor then finds it on both sides.
        send(ids(null, "aino@example.fi", null, null, "v-1"), TouchpointType.PURCHASE, "e-1");

        CustomerProfile survivor = profile("email:aino@example.fi");
        assertThat(survivor.getMergedFrom()).containsExactly("anon:v-1");
        assertThat(survivor.getPurchases().getCount()).isEqualTo(1);
        assertThat(survivor.getPurchases().getSpendByCurrency().get("EUR")).isEqualByComparingTo("10.00");
        assertThat(survivor.getContactsByChannel().get("POS").getCount()).isEqualTo(1);
    }

    /** Runs the input through a fresh topology; returns each event's customer (in order) and the links. */
    private List<KeyValue<String, String>> run(List<CustomerIdentifiers> input) {
        if (driver != null) {
            driver.close();
        }
        start(IdentityProperties.DEFAULTS);
        int n = 0;
        for (CustomerIdentifiers ids : input) {
            send(ids, TouchpointType.WEB_VISIT, "e-" + n++);
        }
        var seen = new java.util.ArrayList<KeyValue<String, String>>();
        for (var profile : TopologyDrivers.output(driver, Topics.CUSTOMER_PROFILES).readKeyValuesToList()) {
            seen.add(KeyValue.pair("profile", profile.key));
        }
        seen.addAll(published());
        driver.close();
        driver = null;
        return seen;
    }

    private CustomerProfile mergedFromVisitor() {
        CustomerProfile visitor = org.touchpointcrm.schemas.CustomerProfiles.empty("anon:v-1", T0);
        visitor.setVersion(1);
        return visitor;
    }

    private TestOutputTopic<String, SegmentChange> segmentChanges() {
        return TopologyDrivers.output(driver, Topics.SEGMENT_CHANGES);
    }

    private List<String> timelineEvents(String customerId) {
        KeyValueStore<String, CustomerTimeline> store = driver.getKeyValueStore(Timeline.STORE);
        CustomerTimeline timeline = store.get(customerId);
        return timeline == null ? List.of() : timeline.getEntries().stream().map(e -> e.getEventId()).toList();
    }

    private void start(IdentityProperties identity) {
        meters = new SimpleMeterRegistry();
        applicationId = "crm-identity-test-" + System.nanoTime();
        var builder = new StreamsBuilder();
        new SegmentationTopology(TopologyDrivers.SERDES, SegmentationProperties.defaults(), SegmentEvaluator.builtIn(),
                Clock.fixed(T0, ZoneOffset.UTC), meters, SweepProperties.DEFAULTS, identity).build(builder);
        driver = TopologyDrivers.start(builder, applicationId, stateDir.resolve("s" + System.nanoTime()),
                T0, DeadLetters.streamsConfig(meters));
    }

    private void send(CustomerIdentifiers ids, TouchpointType type, String eventId) {
        TouchpointEvent event = touchpoint(ids, type, eventId);
        TestInputTopic<String, TouchpointEvent> topic = TopologyDrivers.input(driver,
                event.getChannel() == Channel.POS ? Topics.TOUCHPOINTS_POS : Topics.TOUCHPOINTS_WEB);
        topic.pipeInput(CustomerReference.of(ids), event, T0);
    }

    private static TouchpointEvent touchpoint(CustomerIdentifiers ids, TouchpointType type, String eventId) {
        TouchpointEvent event = Touchpoints.event("unused", type == TouchpointType.PURCHASE ? Channel.POS : Channel.WEB,
                        type, T0)
                .setEventId(eventId).setCustomer(ids).build();
        if (type == TouchpointType.PURCHASE) {
            event.setAmount(new java.math.BigDecimal("10.00"));
            event.setCurrency("EUR");
        }
        return event;
    }

    static CustomerIdentifiers ids(String customerId, String email, String phone, String card, String anonymousId) {
        return CustomerIdentifiers.newBuilder().setCustomerId(customerId).setEmail(email).setPhone(phone)
                .setLoyaltyCardId(card).setAnonymousId(anonymousId).build();
    }

    private CustomerProfile profile(String customerId) {
        KeyValueStore<String, CustomerProfile> store = driver.getKeyValueStore(UpdateProfile.STORE);
        return store.get(customerId);
    }

    private java.util.Map<String, String> links() {
        KeyValueStore<String, String> store = driver.getKeyValueStore(IdentityGraph.STORE);
        var all = new java.util.TreeMap<String, String>();
        try (var it = store.all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    /** What crm.identity-links received, in order. */
    private List<KeyValue<String, String>> published() {
        TestOutputTopic<String, IdentityLink> topic = TopologyDrivers.output(driver, Topics.IDENTITY_LINKS);
        return topic.readKeyValuesToList().stream()
                .map(kv -> KeyValue.pair(kv.key, kv.value.getCustomerId())).toList();
    }

    private TestOutputTopic<byte[], byte[]> deadLetters() {
        return DeadLetterRecords.topic(driver);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetterRecords.header(record, name);
    }
}
