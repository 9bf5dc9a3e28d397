package org.touchpointcrm.segmentation.topology;

import java.time.Clock;
import java.util.List;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.SegmentBackfill;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.dedupe.DropDuplicates;
import org.touchpointcrm.segmentation.hygiene.InputRules;
import org.touchpointcrm.segmentation.identity.CheckPlacement;
import org.touchpointcrm.segmentation.identity.ResolveIdentity;
import org.touchpointcrm.segmentation.definitions.ReadSegmentDefinitions;
import org.touchpointcrm.segmentation.members.SegmentMembership;
import org.touchpointcrm.segmentation.profile.BackfillSegments;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileInput;
import org.touchpointcrm.segmentation.profile.ProfileUpdate;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.profile.SerializeOnce;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.stats.SegmentMembers;
import org.touchpointcrm.segmentation.stats.SegmentStatistics;
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

    /** With the sweep's defaults: for tests and tools. */
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters) {
        this(serdes, properties, segments, clock, meters, SweepProperties.DEFAULTS);
    }

    @Autowired
    public SegmentationTopology(CrmSerdes serdes, SegmentationProperties properties, SegmentEvaluator segments,
                                Clock clock, MeterRegistry meters, SweepProperties sweep) {
        this.sweep = sweep;
        this.serdes = serdes;
        this.properties = properties;
        this.segments = segments;
        this.clock = clock;
        this.meters = meters;
    }

    @Autowired
    public void build(StreamsBuilder builder) {
        builder.addStateStore(DropDuplicates.store(properties.dedupeRetention()));
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

        var placed = readAllChannels(builder)
                .mapValues(event -> rules.requireValid(event), Named.as("check-touchpoint-rules"))
                .processValues(() -> new DropDuplicates(properties.dedupeRetention(), duplicates),
                        Named.as("drop-duplicates"), DropDuplicates.STORE)
                .processValues(() -> new CheckPlacement(Topics.CUSTOMERS.partitions()), Named.as("check-placement"))
                .split(Named.as("placed-"))
                .branch((key, placement) -> placement.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        KStream<String, TouchpointEvent> moved = placed.get("placed-elsewhere")
                .mapValues(CheckPlacement.Placed::event, Named.as("touchpoint-to-move"))
                .selectKey(ResolveIdentity::customerId, Named.as("resolve-identity"))
                .repartition(Repartitioned.<String, TouchpointEvent>as("by-customer")
                        .withNumberOfPartitions(Topics.CUSTOMERS.partitions())
                        .withKeySerde(serdes.key(Topics.CUSTOMER_PROFILES))
                        .withValueSerde(serdes.avro(TouchpointEvent.class)));
        KStream<String, ProfileInput> touchpoints = placed.get("placed-in-place")
                .mapValues(CheckPlacement.Placed::event, Named.as("touchpoint-in-place"))
                .merge(moved, Named.as("touchpoints-by-customer"))
                .mapValues(ProfileInput::touchpoint, Named.as("touchpoint-as-input"));
        KStream<String, ProfileInput> register = builder.stream(Topics.CUSTOMERS.name(),
                        serdes.consumed(Topics.CUSTOMERS).withName("read-customers"))
                .filter((customerId, record) -> record != null, Named.as("skip-register-tombstones"))
                .mapValues((customerId, record) -> rules.requireValid(customerId, record), Named.as("check-register-rules"))
                .mapValues(ProfileInput::register, Named.as("register-as-input"));

        Timeline.addTo(touchpoints, serdes, properties.timeline(), clock);

        KStream<String, ProfileUpdate> updates = touchpoints
                .merge(register, Named.as("touchpoints-and-register"))
                .process(() -> new UpdateProfile(updater, segments, clock, properties.backfill(), backfilled, changeMeters,
                                timeSweep),
                        Named.as("update-profile"), UpdateProfile.STORE, BackfillSegments.STORE, DueIndex.STORE,
                        DueIndex.DUE_AT_STORE);

        updates.mapValues(ProfileUpdate::profile, Named.as("profile-of-update"))
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
}
