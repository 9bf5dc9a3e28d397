package org.touchpointcrm.platform.acls;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Applies {@link KafkaPrincipals} to a cluster through a super user's {@link Admin}: SCRAM credentials and ACLs.
 * Both are idempotent (an existing ACL is kept, a credential replaced), so it runs at every deployment.
 */
public final class KafkaAccess {

    /** Kafka's own default for SCRAM; 4096 is its minimum. */
    public static final int SCRAM_ITERATIONS = 8192;

    private KafkaAccess() {
    }

    /** Creates or replaces each user's SCRAM-SHA-512 credential (the broker keeps only a salted hash). */
    public static void upsertScramUsers(Admin admin, Map<String, String> passwordsByUser, long timeoutMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<UserScramCredentialAlteration> upserts = passwordsByUser.entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), user.getValue()))
                .toList();
        admin.alterUserScramCredentials(upserts).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /** Creates every ACL of these principals. */
    public static void applyAcls(Admin admin, Collection<ServicePrincipal> principals, long timeoutMillis)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<AclBinding> acls = principals.stream().flatMap(p -> p.acls().stream()).toList();
        admin.createAcls(acls).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * The same ACLs as Kafka's own {@code kafka-acls.sh} commands, one per resource, for operators who apply them by
     * hand and for docs/security.md.
     */
    public static List<String> kafkaAclsCommands(ServicePrincipal principal) {
        Map<ResourcePattern, List<AclBinding>> byResource = principal.acls().stream()
                .collect(Collectors.groupingBy(AclBinding::pattern, LinkedHashMap::new, Collectors.toList()));
        return byResource.entrySet().stream().map(entry -> {
            ResourcePattern pattern = entry.getKey();
            String operations = entry.getValue().stream()
                    .map(acl -> " --operation " + camelCase(acl.entry().operation().name()))
                    .collect(Collectors.joining());
            return "kafka-acls.sh --bootstrap-server \"$BOOTSTRAP\" --command-config admin.properties --add"
                    + " --allow-principal " + principal.principal() + operations
                    + resourceOption(pattern);
        }).toList();
    }

    private static String resourceOption(ResourcePattern pattern) {
        String type = switch (pattern.resourceType()) {
            case TOPIC -> " --topic ";
            case GROUP -> " --group ";
            case TRANSACTIONAL_ID -> " --transactional-id ";
            case CLUSTER -> " --cluster";
            default -> throw new IllegalArgumentException("no kafka-acls.sh option for " + pattern.resourceType());
        };
        String name = pattern.resourceType() == ResourceType.CLUSTER ? "" : pattern.name();
        String patternType = pattern.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "";
        return type + name + patternType;
    }

    /** kafka-acls.sh spells operations as Kafka's docs do: Read, DescribeConfigs, All. */
    private static String camelCase(String constant) {
        StringBuilder out = new StringBuilder();
        for (String word : constant.split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
