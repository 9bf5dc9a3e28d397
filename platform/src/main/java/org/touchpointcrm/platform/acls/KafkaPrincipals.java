package org.touchpointcrm.platform.acls;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AclBinding;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * Who may do what on Kafka: every client identity of the system with exactly the ACLs it needs (docs/security.md,
 * Kafka and registry). The broker runs the standard authorizer with {@code allow.everyone.if.no.acl.found=false}, so
 * whatever is not granted here is refused. The ids below are the ones the services use; a deployment that changes an
 * application id changes it here too.
 */
public final class KafkaPrincipals {

    /** segmentation-streams' {@code spring.kafka.streams.application-id} (segmentation.yml). */
    public static final String SEGMENTATION_APPLICATION_ID = "crm-segmentation";
    /** notifier-service's {@code spring.kafka.streams.application-id} (notifier.yml). */
    public static final String NOTIFIER_APPLICATION_ID = "crm-notifier";
    /** The notifier's delivery listener, which reads the decisions and sends them. */
    public static final String NOTIFIER_DELIVERY_GROUP = "crm-notifier-delivery";
    /** Every consumer group of the system starts so; crmctl describes them for the lag. */
    public static final String GROUP_PREFIX = "crm-";
    /** crmctl's replay producers: one transactional id per dead-letter topic, starting so. */
    public static final String CRMCTL_REPLAY_TRANSACTION_PREFIX = "crmctl-replay-";

    /**
     * Channel systems' touchpoints and the customer register over HTTP: writes the input topics, reads nothing
     * (a customer's profile is asked from segmentation-streams over HTTP).
     */
    public static final ServicePrincipal INGEST = ServicePrincipal.named("ingest-service")
            .provisionsCatalogue()
            .writes(Topics.ALL_TOUCHPOINTS)
            .writes(Topics.CUSTOMERS, Topics.ERASURE_REQUESTS)
            .build();

    /** Profiles and segments: reads the inputs and the segment definitions it publishes, writes what it derives. */
    public static final ServicePrincipal SEGMENTATION = ServicePrincipal.named("segmentation-streams")
            .provisionsCatalogue()
            .streamsApp(SEGMENTATION_APPLICATION_ID)
            .reads(Topics.ALL_TOUCHPOINTS)
            .reads(Topics.CUSTOMERS, Topics.SEGMENT_DEFINITIONS)
            .reads(Topics.IDENTITY_LINK_REQUESTS, Topics.PROFILE_HANDOFFS)
            .writes(Topics.CUSTOMER_PROFILES, Topics.SEGMENT_CHANGES, Topics.SEGMENT_STATS, Topics.DLQ_SEGMENTATION,
                    Topics.SEGMENT_DEFINITIONS)
            .writes(Topics.IDENTITY_LINKS, Topics.IDENTITY_LINK_REQUESTS, Topics.PROFILE_HANDOFFS)
            // Cases (docs/cases.md): its own loop topic of commands in, the cases and their changes out.
            .reads(Topics.CASE_COMMANDS)
            .writes(Topics.CASES, Topics.CASE_EVENTS, Topics.CASE_COMMANDS)
            // A case's reply goes back as a CASE_REPLY touchpoint of the channel it was raised on.
            .writes(Topics.ALL_TOUCHPOINTS)
            .build();

    /**
     * Campaigns: the only principal that writes {@code crm.campaigns} (its /v1/campaigns API, behind the marketers'
     * keys), the decisions, the delivery ledger and the reactions it feeds back as e-mail and SMS touchpoints.
     */
    public static final ServicePrincipal NOTIFIER = ServicePrincipal.named("notifier-service")
            .provisionsCatalogue()
            .streamsApp(NOTIFIER_APPLICATION_ID)
            .consumerGroup(NOTIFIER_DELIVERY_GROUP)
            .reads(Topics.SEGMENT_CHANGES, Topics.CUSTOMER_PROFILES, Topics.CAMPAIGNS, Topics.CAMPAIGN_MESSAGES,
                    Topics.DELIVERIES, Topics.TOUCHPOINTS_EMAIL, Topics.TOUCHPOINTS_SMS)
            .reads(Topics.CASE_EVENTS)
            .writes(Topics.CAMPAIGNS, Topics.CAMPAIGN_MESSAGES, Topics.DELIVERIES, Topics.DLQ_NOTIFIER,
                    Topics.TOUCHPOINTS_EMAIL, Topics.TOUCHPOINTS_SMS)
            .build();

    /**
     * The operators' command line: looks at every topic and group, reads the dead letters and replays them to the
     * topics they came from (the inputs segmentation-streams and the notifier's delivery read), never to
     * {@code crm.campaigns} or the segment definitions, which only their APIs write.
     */
    public static final ServicePrincipal CRMCTL = ServicePrincipal.named("crmctl")
            .describesCatalogue()
            .describesGroups(GROUP_PREFIX)
            .reads(deadLetterTopics())
            .reads(Topics.DLQ_REPLAYS)
            .writes(Topics.ALL_TOUCHPOINTS)
            .writes(Topics.CUSTOMERS, Topics.CAMPAIGN_MESSAGES, Topics.DLQ_REPLAYS)
            .transactionalIds(CRMCTL_REPLAY_TRANSACTION_PREFIX)
            .build();

    /**
     * The schema registry of the compose path (Apicurio, KafkaSQL storage): its own journal, snapshots and events
     * topics (Apicurio's default names) and its consumer groups ({@code apicurio-<random>}); nothing of the CRM's.
     * The local stack's registry keeps its schemas in memory and does not use Kafka.
     */
    public static final ServicePrincipal SCHEMA_REGISTRY = ServicePrincipal.named("schema-registry")
            .ownsTopics("kafkasql-journal", "kafkasql-snapshots", "registry-events")
            .consumerGroupsStartingWith("apicurio-")
            .build();

    public static final List<ServicePrincipal> ALL = List.of(INGEST, SEGMENTATION, NOTIFIER, CRMCTL, SCHEMA_REGISTRY);

    private KafkaPrincipals() {
    }

    /** The principal of that name, if it is one of {@link #ALL}. */
    public static Optional<ServicePrincipal> named(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static List<Topic<?, ?>> deadLetterTopics() {
        return Topics.ALL.stream().filter(t -> t.name().startsWith(Topics.DEAD_LETTER_PREFIX)).toList();
    }

    /** Every ACL of every principal, the set an operator applies. */
    public static Stream<AclBinding> allAcls() {
        return ALL.stream().flatMap(p -> p.acls().stream());
    }
}
