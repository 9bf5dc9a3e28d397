package org.touchpointcrm.platform.acls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.Topics;

class KafkaPrincipalsTest {

    @Test
    void onlyTheNotifierMayWriteCampaigns() {
        assertThat(principalsAllowed(AclOperation.WRITE, ResourceType.TOPIC, Topics.CAMPAIGNS.name()))
                .containsExactly(KafkaPrincipals.NOTIFIER.principal());
    }

    @Test
    void ingestReadsNoTopicAndJoinsNoGroup() {
        assertThat(KafkaPrincipals.INGEST.acls())
                .noneMatch(acl -> acl.entry().operation() == AclOperation.READ)
                .noneMatch(acl -> acl.pattern().resourceType() == ResourceType.GROUP);
    }

    @Test
    void eachStreamsAppOwnsOnlyTheNamesThatStartWithItsApplicationId() {
        // Internal topics and transactional ids; the group is the application id itself, granted literally.
        assertThat(prefixes(KafkaPrincipals.SEGMENTATION)).containsExactly("crm-segmentation-");
        assertThat(prefixes(KafkaPrincipals.NOTIFIER)).containsExactly("crm-notifier-");
    }

    @Test
    void onlySegmentationMayJoinSegmentationsGroup() {
        assertThat(KafkaPrincipals.ALL).filteredOn(p -> p.acls().stream().anyMatch(acl ->
                        acl.pattern().resourceType() == ResourceType.GROUP
                                && acl.entry().operation() == AclOperation.READ
                                && KafkaPrincipals.SEGMENTATION_APPLICATION_ID.startsWith(acl.pattern().name())))
                .containsExactly(KafkaPrincipals.SEGMENTATION);
    }

    @Test
    void noPrincipalHasAnyClusterWideRight() {
        assertThat(KafkaPrincipals.allAcls()).noneMatch(acl -> acl.pattern().resourceType() == ResourceType.CLUSTER);
    }

    @Test
    void theKafkaAclsCommandsSayTheSameAsTheData() {
        assertThat(KafkaAccess.kafkaAclsCommands(KafkaPrincipals.NOTIFIER))
                .contains("kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add"
                        + " --allow-principal User:notifier-service --operation Describe --operation DescribeConfigs"
                        + " --operation Create --operation Read --operation Write --topic crm.campaigns")
                .contains("kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add"
                        + " --allow-principal User:notifier-service --operation All --topic crm-notifier-"
                        + " --resource-pattern-type prefixed");
    }

    private static List<String> principalsAllowed(AclOperation operation, ResourceType type, String name) {
        return KafkaPrincipals.allAcls()
                .filter(acl -> acl.entry().operation() == operation && acl.pattern().resourceType() == type)
                .filter(acl -> acl.pattern().patternType() == PatternType.LITERAL ? acl.pattern().name().equals(name)
                        : name.startsWith(acl.pattern().name()))
                .map(acl -> acl.entry().principal())
                .distinct()
                .toList();
    }

    private static List<String> prefixes(ServicePrincipal principal) {
        return principal.acls().stream().map(AclBinding::pattern)
                .filter(p -> p.patternType() == PatternType.PREFIXED)
                .map(ResourcePattern::name)
                .distinct()
                .toList();
    }
}
