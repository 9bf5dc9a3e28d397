package org.touchpointcrm.platform.acls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * One Kafka client identity (a SASL/SCRAM user) and exactly the ACLs it needs, derived from the topic
 * catalogue and the ids it uses. {@link KafkaPrincipals} holds every one; nothing else spells an ACL.
 *
 * @param name the SCRAM user name; the principal is {@code User:<name>}
 * @param acls what the broker allows this principal; anything else is denied
 */
public record ServicePrincipal(String name, List<AclBinding> acls) {

    public ServicePrincipal {
        Objects.requireNonNull(name, "name");
        acls = List.copyOf(acls);
    }

    /** The principal as the authorizer and {@code super.users} spell it. */
    public String principal() {
        return "User:" + name;
    }

    static Builder named(String name) {
        return new Builder(name);
    }

    /** Says what a principal does, in the words of the catalogue; each step adds the ACLs it takes. */
    static final class Builder {

        private final String name;
        private final List<AclBinding> acls = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /**
         * The platform checks every catalogue topic at start and creates the missing ones
         * (CatalogueTopicsCheck, KafkaAdmin): metadata and configs of each, and creating it, never its records.
         */
        Builder provisionsCatalogue() {
            describesCatalogue();
            Topics.ALL.forEach(topic -> allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.CREATE));
            return this;
        }

        /** Partitions, end offsets and configs of every catalogue topic (an operator's view), never its records. */
        Builder describesCatalogue() {
            Topics.ALL.forEach(topic -> {
                allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE);
                allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS);
            });
            return this;
        }

        Builder reads(Collection<? extends Topic<?, ?>> topics) {
            topics.forEach(topic -> allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.READ));
            return this;
        }

        Builder reads(Topic<?, ?>... topics) {
            return reads(List.of(topics));
        }

        /**
         * Writing, idempotently: since Kafka 3.0 (KIP-679) WRITE on a topic is enough for an idempotent
         * producer, so no principal gets the cluster-wide IDEMPOTENT_WRITE.
         */
        Builder writes(Collection<? extends Topic<?, ?>> topics) {
            topics.forEach(topic -> allow(ResourceType.TOPIC, topic.name(), PatternType.LITERAL, AclOperation.WRITE));
            return this;
        }

        Builder writes(Topic<?, ?>... topics) {
            return writes(List.of(topics));
        }

        /**
         * A Kafka Streams app: its internal topics (repartition, changelog: {@code <application.id>-...}) are its
         * own to create, use and purge; its consumer group and its exactly-once transactional ids
         * ({@code <application.id>-<process id>-<thread>}) start with the application id. Every pattern is prefixed
         * with {@code <application.id>-}, so that no other app's names match.
         */
        Builder streamsApp(String applicationId) {
            String prefix = applicationId + "-";
            allow(ResourceType.TOPIC, prefix, PatternType.PREFIXED, AclOperation.ALL);
            consumerGroup(applicationId);
            return transactionalIds(prefix);
        }

        /** Topics that are this principal's own, not the catalogue's (another product's storage): everything on them. */
        Builder ownsTopics(String... names) {
            for (String name : names) {
                allow(ResourceType.TOPIC, name, PatternType.LITERAL, AclOperation.ALL);
            }
            return this;
        }

        /** Joins consumer groups whose id starts so (a product that names its groups with a random suffix). */
        Builder consumerGroupsStartingWith(String prefix) {
            allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ);
            return this;
        }

        /** Joins (and commits in) exactly this consumer group. */
        Builder consumerGroup(String groupId) {
            allow(ResourceType.GROUP, groupId, PatternType.LITERAL, AclOperation.READ);
            return this;
        }

        /** Looks at consumer groups whose id starts so (members, offsets, lag), without joining them. */
        Builder describesGroups(String prefix) {
            allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE);
            return this;
        }

        /** Transactional producers whose transactional id starts so. */
        Builder transactionalIds(String prefix) {
            allow(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.WRITE);
            allow(ResourceType.TRANSACTIONAL_ID, prefix, PatternType.PREFIXED, AclOperation.DESCRIBE);
            return this;
        }

        ServicePrincipal build() {
            return new ServicePrincipal(name, acls.stream().distinct().toList());
        }

        private void allow(ResourceType type, String resource, PatternType pattern, AclOperation operation) {
            acls.add(new AclBinding(new ResourcePattern(type, resource, pattern),
                    new AccessControlEntry("User:" + name, "*", operation, AclPermissionType.ALLOW)));
        }
    }
}
