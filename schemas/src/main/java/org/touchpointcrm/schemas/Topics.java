package org.touchpointcrm.schemas;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.DeadLetterReplay;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.avro.IdentityLink;
import org.touchpointcrm.avro.LinkRequest;
import org.touchpointcrm.avro.ProfileHandoff;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStats;
import org.touchpointcrm.avro.TouchpointEvent;

/** The topic catalogue: the only place a topic name is spelled. Provisioning reads it too. */
public final class Topics {

    /** Input topics keep a year of contact history, so a lost state store can be rebuilt. */
    public static final Duration TOUCHPOINT_RETENTION = Duration.ofDays(365);
    /** Event streams between the services. */
    public static final Duration EVENT_STREAM_RETENTION = Duration.ofDays(30);
    /**
     * GDPR art. 12(3): an erasure request is answered within one month, two more when extended; the
     * request stays until then, and the receipts are the lasting record.
     */
    public static final Duration ERASURE_REQUEST_RETENTION = Duration.ofDays(90);
    /** Every dead-letter topic's name starts so (crm.dlq.segmentation, ...); tools find them by it in {@link #ALL}. */
    public static final String DEAD_LETTER_PREFIX = "crm.dlq.";
    /** 12 partitions per input topic by default. */
    public static final int DEFAULT_PARTITIONS = 12;

    public static final Topic<String, TouchpointEvent> TOUCHPOINTS_EMAIL = touchpoints("crm.touchpoints.email");
    public static final Topic<String, TouchpointEvent> TOUCHPOINTS_SMS = touchpoints("crm.touchpoints.sms");
    public static final Topic<String, TouchpointEvent> TOUCHPOINTS_WEB = touchpoints("crm.touchpoints.web");
    public static final Topic<String, TouchpointEvent> TOUCHPOINTS_POS = touchpoints("crm.touchpoints.pos");

    /** The customer register: master data per customerId, newest version kept. */
    public static final Topic<String, CustomerRecord> CUSTOMERS = new Topic<>(
            "crm.customers", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, CustomerRecord.class);

    public static final Topic<String, ErasureRequest> ERASURE_REQUESTS = new Topic<>(
            "crm.erasure-requests", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(ERASURE_REQUEST_RETENTION),
            String.class, ErasureRequest.class);

    public static final Topic<String, CustomerProfile> CUSTOMER_PROFILES = new Topic<>(
            "crm.customer-profiles", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, CustomerProfile.class);

    /**
     * The identity graph: per identifier reference (register id, email:..., phone:..., card:..., anon:...) the
     * customer it resolves to; written by segmentation-streams, read by anyone who must name a person by an address.
     */
    public static final Topic<String, IdentityLink> IDENTITY_LINKS = new Topic<>(
            "crm.identity-links", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, IdentityLink.class);

    /**
     * segmentation-streams' own loop from a profile back to the owner of an identifier (keyed by the reference);
     * a Streams topology cannot loop through an internal topic, so this one is in the catalogue.
     */
    public static final Topic<String, LinkRequest> IDENTITY_LINK_REQUESTS = new Topic<>(
            "crm.identity-link-requests", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(Duration.ofDays(7)),
            String.class, LinkRequest.class);

    /** segmentation-streams' own loop from one customer's profile to another's during a merge (keyed by the target). */
    public static final Topic<String, ProfileHandoff> PROFILE_HANDOFFS = new Topic<>(
            "crm.profile-handoffs", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(Duration.ofDays(7)),
            String.class, ProfileHandoff.class);

    public static final Topic<String, SegmentChange> SEGMENT_CHANGES = new Topic<>(
            "crm.segment-changes", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(EVENT_STREAM_RETENTION),
            String.class, SegmentChange.class);

    /** Segment definitions, the newest version per segment id; every instance reads all of them. */
    public static final Topic<String, SegmentDefinition> SEGMENT_DEFINITIONS = new Topic<>(
            "crm.segment-definitions", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, SegmentDefinition.class);

    /** Per segment and hour; keyed {@code segmentId@hour} (see {@link #segmentStatsKey}) so that compaction keeps every hour. */
    public static final Topic<String, SegmentStats> SEGMENT_STATS = new Topic<>(
            "crm.segment-stats", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, SegmentStats.class);

    /**
     * segmentation-streams' dead letters: records it could not read or that break a rule, with the
     * original key and value bytes and Kafka Streams' error headers (exception, message, source
     * topic, partition, offset). Kept as long as the touchpoints, so a fix can replay them.
     */
    public static final Topic<byte[], byte[]> DLQ_SEGMENTATION = new Topic<>(
            "crm.dlq.segmentation", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(TOUCHPOINT_RETENTION),
            byte[].class, byte[].class);

    /**
     * Which dead letters crmctl has replayed, keyed {@code <dead-letter topic>/<partition>/<offset>}
     * (see {@link #deadLetterReplayKey}). Written in the same transaction as the replayed records, so a
     * dead letter is replayed once; compacted, so that is remembered as long as the dead letter is kept.
     */
    public static final Topic<String, DeadLetterReplay> DLQ_REPLAYS = new Topic<>(
            "crm.dlq-replays", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, DeadLetterReplay.class);

    /**
     * Customers' suggestions and low-rated feedback as cases staff follow up (docs/cases.md): the newest state per case
     * id; written by segmentation-streams, which owns the cases.
     */
    public static final Topic<String, CustomerCase> CASES = new Topic<>(
            "crm.cases", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, CustomerCase.class);

    /** Every change of a case (opened, joined, status, topic, grouped, refused), keyed by case id; the notifier reads it. */
    public static final Topic<String, CaseEvent> CASE_EVENTS = new Topic<>(
            "crm.case-events", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(EVENT_STREAM_RETENTION),
            String.class, CaseEvent.class);

    /**
     * segmentation-streams' own loop into its cases (keyed by store key): raised cases from its touchpoints and staff
     * commands from /v1/cases, so one task applies every change of one store's cases in order.
     */
    public static final Topic<String, CaseCommand> CASE_COMMANDS = new Topic<>(
            "crm.case-commands", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(Duration.ofDays(7)),
            String.class, CaseCommand.class);

    /** Campaign definitions, the newest version per campaign id; every notifier instance reads all of them. */
    public static final Topic<String, CampaignDefinition> CAMPAIGNS = new Topic<>(
            "crm.campaigns", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, CampaignDefinition.class);

    public static final Topic<String, CampaignMessage> CAMPAIGN_MESSAGES = new Topic<>(
            "crm.campaign-messages", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(EVENT_STREAM_RETENTION),
            String.class, CampaignMessage.class);

    /**
     * The delivery ledger: per send id the newest state (INTENT before the hand-over, then SENT, FAILED,
     * UNKNOWN or CANCELLED), so that no send id is ever handed to a provider twice without its idempotency key.
     */
    public static final Topic<String, Delivery> DELIVERIES = new Topic<>(
            "crm.deliveries", DEFAULT_PARTITIONS, Cleanup.COMPACT, Optional.empty(),
            String.class, Delivery.class);

    /** Campaign messages notifier-service could not deliver for good (a refused address, a hard bounce), with error headers. */
    public static final Topic<byte[], byte[]> DLQ_NOTIFIER = new Topic<>(
            "crm.dlq.notifier", DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(TOUCHPOINT_RETENTION),
            byte[].class, byte[].class);

    public static final List<Topic<String, TouchpointEvent>> ALL_TOUCHPOINTS =
            List.of(TOUCHPOINTS_EMAIL, TOUCHPOINTS_SMS, TOUCHPOINTS_WEB, TOUCHPOINTS_POS);

    public static final List<Topic<?, ?>> ALL = List.of(
            TOUCHPOINTS_EMAIL, TOUCHPOINTS_SMS, TOUCHPOINTS_WEB, TOUCHPOINTS_POS,
            CUSTOMERS, ERASURE_REQUESTS, CUSTOMER_PROFILES, IDENTITY_LINKS, IDENTITY_LINK_REQUESTS, PROFILE_HANDOFFS,
            SEGMENT_DEFINITIONS, SEGMENT_CHANGES, SEGMENT_STATS, DLQ_SEGMENTATION, CASES, CASE_EVENTS, CASE_COMMANDS,
            DLQ_REPLAYS, CAMPAIGNS, CAMPAIGN_MESSAGES, DELIVERIES, DLQ_NOTIFIER);

    private Topics() {
    }

    /** The touchpoint topic a channel's events go to. */
    public static Topic<String, TouchpointEvent> touchpoints(Channel channel) {
        return switch (channel) {
            case EMAIL -> TOUCHPOINTS_EMAIL;
            case SMS -> TOUCHPOINTS_SMS;
            case WEB -> TOUCHPOINTS_WEB;
            case POS -> TOUCHPOINTS_POS;
            case UNKNOWN -> throw new IllegalArgumentException(
                    "channel UNKNOWN has no touchpoint topic; use one of EMAIL, SMS, WEB, POS");
        };
    }

    /** The key of one segment's hour on {@link #SEGMENT_STATS}: sorts by segment, then by time. */
    public static String segmentStatsKey(String segmentId, Instant hourStart) {
        return segmentId + "@" + hourStart;
    }

    /** The key of one dead letter's entry on {@link #DLQ_REPLAYS}. */
    public static String deadLetterReplayKey(String deadLetterTopic, int partition, long offset) {
        return deadLetterTopic + "/" + partition + "/" + offset;
    }

    private static Topic<String, TouchpointEvent> touchpoints(String name) {
        return new Topic<>(name, DEFAULT_PARTITIONS, Cleanup.DELETE, Optional.of(TOUCHPOINT_RETENTION),
                String.class, TouchpointEvent.class);
    }
}
