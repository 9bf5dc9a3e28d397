package org.touchpointcrm.segmentation.topology;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.SegmentBackfill;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.cases.CaseProperties;
import org.touchpointcrm.segmentation.cases.CaseRaising;
import org.touchpointcrm.segmentation.cases.Cases;
import org.touchpointcrm.segmentation.dedupe.CountedEvents;
import org.touchpointcrm.segmentation.dedupe.DropDuplicates;
import org.touchpointcrm.segmentation.hygiene.InputRules;
import org.touchpointcrm.segmentation.identity.CheckPlacement;
import org.touchpointcrm.segmentation.identity.IdentityGraph;
import org.touchpointcrm.segmentation.identity.IdentityMeters;
import org.touchpointcrm.segmentation.identity.IdentityProperties;
import org.touchpointcrm.segmentation.identity.IdentityRules;
import org.touchpointcrm.segmentation.identity.LinkIdentifier;
import org.touchpointcrm.segmentation.identity.ResolveCustomer;
import org.touchpointcrm.segmentation.definitions.ReadSegmentDefinitions;
import org.touchpointcrm.segmentation.members.SegmentMembership;
import org.touchpointcrm.segmentation.profile.BackfillSegments;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileIdentity;
import org.touchpointcrm.segmentation.profile.ProfileInput;
import org.touchpointcrm.segmentation.profile.ProfileMerger;
import org.touchpointcrm.segmentation.profile.ProfileUpdate;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.profile.SerializeOnce;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.stats.SegmentMembers;
import org.touchpointcrm.segmentation.stats.SegmentStatistics;
import org.touchpointcrm.segmentation.timeline.CustomerTimelines;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.sweep.DueIndex;
import org.touchpointcrm.segmentation.sweep.SweepProperties;
import org.touchpointcrm.segmentation.sweep.TimeSweep;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The data-flow diagram of the README, as a topology. */
@Component
public class SegmentationTopology {

    /** Touchpoints dropped because their eventId was seen within the dedupe retention. */
    public static final String DUPLICATES_METRIC = "crm.segmentation.duplicates.dropped";
    /** Profiles measured against a new, changed or retired segment definition, once per definition. */
    public static final String BACKFILL_METRIC = "crm.segmentation.backfill.profiles";

    private final CrmSerdes serdes;
    private final SegmentationProperties properties;
    private final SegmentEvaluator segments;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SweepProperties sweep;
    private final CaseProperties cases;
    private final IdentityProperties identity;

    /** With the sweep's, the identity graph's and the cases' defaults: for tests and tools. */
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters) {
        this(serdes, properties, segments, clock, meters, SweepProperties.DEFAULTS);
    }

    /** With the identity graph's defaults: for tests and tools. */
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters, SweepProperties sweep) {
        this(serdes, properties, segments, clock, meters, sweep, IdentityProperties.DEFAULTS, CaseProperties.DEFAULTS);
    }

    /** With the cases' defaults: for tests. */
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters, SweepProperties sweep, IdentityProperties identity) {
        this(serdes, properties, segments, clock, meters, sweep, identity, CaseProperties.DEFAULTS);
    }

    @Autowired
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters, SweepProperties sweep, IdentityProperties identity,
                                CaseProperties cases) {
        this.sweep = sweep;
        this.identity = identity;
        this.cases = cases;
        this.serdes = serdes;
        this.properties = properties;
        this.segments = segments;
        this.clock = clock;
        this.meters = meters;
    }

    @Autowired
    public void build(StreamsBuilder builder) {
        builder.addStateStore(CountedEvents.store(properties.dedupeRetention(), serdes.avro(CountedTouchpoint.class)));
        // One serde for the store and crm.customer-profiles: a profile is serialized once per change.
        var profileSerde = new SerializeOnce<>(serdes.value(Topics.CUSTOMER_PROFILES));
        builder.addStateStore(UpdateProfile.store(profileSerde));
        builder.addStateStore(BackfillSegments.store(serdes.avro(SegmentBackfill.class)));
        builder.addStateStore(DueIndex.byTimeStore());
        builder.addStateStore(DueIndex.dueAtStore());
        builder.addGlobalStore(ReadSegmentDefinitions.store(serdes.value(Topics.SEGMENT_DEFINITIONS)),
                Topics.SEGMENT_DEFINITIONS.name(), serdes.consumed(Topics.SEGMENT_DEFINITIONS).withName("read-segment-definitions"),
                () -> new ReadSegmentDefinitions(segments.catalogue()));
        var rules = new InputRules(clock);
        var updater = new ProfileUpdater(new ProfileDerivations(properties.profileSettings()));
        Counter duplicates = Counter.builder(DUPLICATES_METRIC)
                .description("Touchpoints dropped because their eventId was already counted").register(meters);
        Counter backfilled = Counter.builder(BACKFILL_METRIC)
                .description("Stored profiles measured against a new, changed or retired segment definition")
                .register(meters);
        var changeMeters = new SegmentChangeMeters(meters);
        var timeSweep = new TimeSweep(sweep, updater, segments, clock, meters);
        var identityRules = new IdentityRules(identity);
        var identityMeters = IdentityMeters.register(meters);
        var profileIdentity = new ProfileIdentity(identityRules, identityMeters, new ProfileMerger(updater),
                new CustomerTimelines(properties.timeline()), properties.dedupeRetention(), duplicates);

        int partitions = Topics.CUSTOMERS.partitions();

        // 1. Each touchpoint to the partition of its primary reference, whose link says which customer it is.
        var placed = readAllChannels(builder)
                .mapValues(event -> rules.requireValid(event), Named.as("check-touchpoint-rules"))
                .processValues(() -> new CheckPlacement(partitions, event -> identityRules.primary(event.getCustomer())),
                        Named.as("check-placement"))
                .split(Named.as("placed-"))
                .branch((key, placement) -> placement.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, TouchpointEvent> moved = placed.get("placed-elsewhere")
                .mapValues(CheckPlacement.Placed::event, Named.as("touchpoint-to-move"))
                .selectKey((key, event) -> identityRules.primary(event.getCustomer()), Named.as("primary-reference"))
                .repartition(Repartitioned.<String, TouchpointEvent>as("by-reference")
                        .withNumberOfPartitions(partitions)
                        .withKeySerde(serdes.key(Topics.IDENTITY_LINK_REQUESTS))
                        .withValueSerde(serdes.avro(TouchpointEvent.class)));
        builder.addStateStore(IdentityGraph.store());
        var resolved = placed.get("placed-in-place")
                .mapValues(CheckPlacement.Placed::event, Named.as("touchpoint-in-place"))
                .merge(moved, Named.as("touchpoints-by-reference"))
                .process(() -> new ResolveCustomer(identityRules, partitions, clock), Named.as("resolve-customer"),
                        IdentityGraph.STORE);
        resolved.filter((customerId, r) -> r.newLink() != null, Named.as("new-reference"))
                .map((customerId, r) -> KeyValue.pair(r.newLink().getIdentifier(), r.newLink()),
                        Named.as("link-of-new-reference"))
                .to(Topics.IDENTITY_LINKS.name(), serdes.produced(Topics.IDENTITY_LINKS).withName("write-new-reference-links"));
        linkIdentifiers(builder, identityRules, identityMeters);

        // 2. ... to the partition of that customer's profile.
        var resolvedPlaced = resolved.split(Named.as("resolved-"))
                .branch((customerId, r) -> r.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, TouchpointEvent> toCustomer = resolvedPlaced.get("resolved-elsewhere")
                .mapValues(ResolveCustomer.Resolved::event, Named.as("touchpoint-to-customer"))
                .repartition(Repartitioned.<String, TouchpointEvent>as("by-customer")
                        .withNumberOfPartitions(partitions)
                        .withKeySerde(serdes.key(Topics.CUSTOMER_PROFILES))
                        .withValueSerde(serdes.avro(TouchpointEvent.class)));
        KStream<String, ProfileInput> touchpoints = resolvedPlaced.get("resolved-in-place")
                .mapValues(ResolveCustomer.Resolved::event, Named.as("touchpoint-at-customer"))
                .merge(toCustomer, Named.as("touchpoints-by-customer"))
                // After the identity graph: a retry under another identifier of the same person is caught too.
                .processValues(() -> new DropDuplicates(properties.dedupeRetention(), duplicates),
                        Named.as("drop-duplicates"), CountedEvents.STORE)
                .mapValues(ProfileInput::touchpoint, Named.as("touchpoint-as-input"));
        KStream<String, ProfileInput> register = builder.stream(Topics.CUSTOMERS.name(),
                        serdes.consumed(Topics.CUSTOMERS).withName("read-customers"))
                .filter((customerId, record) -> record != null, Named.as("skip-register-tombstones"))
                .mapValues((customerId, record) -> rules.requireValid(customerId, record), Named.as("check-register-rules"))
                .mapValues(ProfileInput::register, Named.as("register-as-input"));
        KStream<String, ProfileInput> handoffs = builder.stream(Topics.PROFILE_HANDOFFS.name(),
                        serdes.consumed(Topics.PROFILE_HANDOFFS)
                                .withName("read-profile-handoffs"))
                .mapValues(ProfileInput::handoff, Named.as("handoff-as-input"));

        Timeline.addTo(touchpoints, serdes, properties.timeline(), clock);
        CaseRaising.addTo(touchpoints, serdes);
        Cases.addTo(builder, serdes, cases, clock);

        KStream<String, ProfileUpdate> updates = touchpoints
                .merge(register, Named.as("touchpoints-and-register"))
                .merge(handoffs, Named.as("profile-inputs"))
                .process(() -> new UpdateProfile(updater, segments, clock, properties.backfill(), backfilled, changeMeters,
                                timeSweep, profileIdentity),
                        Named.as("update-profile"), UpdateProfile.STORE, BackfillSegments.STORE, DueIndex.STORE,
                        DueIndex.DUE_AT_STORE, CountedEvents.STORE, Timeline.STORE);

        // 3. What a profile asks of the identity graph and of other profiles goes round through the loop topics.
        updates.flatMap((customerId, update) -> update.links().stream()
                        .map(link -> KeyValue.pair(link.getIdentifier(), link)).toList(), Named.as("link-requests-of-update"))
                .to(Topics.IDENTITY_LINK_REQUESTS.name(), serdes.produced(Topics.IDENTITY_LINK_REQUESTS));
        updates.flatMap((customerId, update) -> update.handoffs().stream()
                        .map(handoff -> KeyValue.pair(handoff.getTarget(), handoff)).toList(), Named.as("handoffs-of-update"))
                .to(Topics.PROFILE_HANDOFFS.name(), serdes.produced(Topics.PROFILE_HANDOFFS));
        updates.filter((customerId, update) -> update.profile() != null, Named.as("updates-with-profile"))
                .mapValues(ProfileUpdate::profile, Named.as("profile-of-update"))
                .to(Topics.CUSTOMER_PROFILES.name(), serdes.produced(Topics.CUSTOMER_PROFILES).withValueSerde(profileSerde));
        KStream<String, SegmentChange> changes = updates
                .flatMapValues(ProfileUpdate::changes, Named.as("segment-changes-of-update"))
                .peek((customerId, change) -> changeMeters.emitted(change), Named.as("meter-segment-changes"));
        changes.to(Topics.SEGMENT_CHANGES.name(), serdes.produced(Topics.SEGMENT_CHANGES));
        SegmentMembership.addTo(changes);
        SegmentStatistics.addTo(changes, serdes, properties.statsInterval(), new SegmentMembers(meters));
    }

    /** The four channel topics share their key and value types, so one source reads them all. */
    private KStream<String, TouchpointEvent> readAllChannels(StreamsBuilder builder) {
        List<String> names = Topics.ALL_TOUCHPOINTS.stream().map(Topic::name).toList();
        Topic<String, TouchpointEvent> anyChannel = Topics.ALL_TOUCHPOINTS.getFirst();
        return builder.stream(names, serdes.consumed(anyChannel).withName("read-touchpoints"));
    }

    /**
     * 4. The owner of each reference answers link requests: a new link, or a merge of two customers that starts by
     * retiring the weaker (docs/identity.md).
     */
    private void linkIdentifiers(StreamsBuilder builder, IdentityRules identityRules, IdentityMeters identityMeters) {
        var outcomes = builder.stream(Topics.IDENTITY_LINK_REQUESTS.name(),
                        serdes.consumed(Topics.IDENTITY_LINK_REQUESTS).withName("read-link-requests"))
                .process(() -> new LinkIdentifier(identityRules, clock, identityMeters), Named.as("link-identifier"),
                        IdentityGraph.STORE);
        outcomes.filter((key, outcome) -> outcome.link() != null, Named.as("links-of-requests"))
                .mapValues(LinkIdentifier.Outcome::link, Named.as("link-of-request"))
                .to(Topics.IDENTITY_LINKS.name(), serdes.produced(Topics.IDENTITY_LINKS));
        outcomes.filter((key, outcome) -> outcome.retire() != null, Named.as("retirements-of-requests"))
                .mapValues(LinkIdentifier.Outcome::retire, Named.as("retirement-of-request"))
                .to(Topics.PROFILE_HANDOFFS.name(), serdes.produced(Topics.PROFILE_HANDOFFS).withName("write-retirements"));
    }
}
