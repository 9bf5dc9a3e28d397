package org.touchpointcrm.crmctl.acls;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.platform.acls.KafkaAccess;
import org.touchpointcrm.platform.acls.KafkaPrincipals;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crmctl acls}: the ACLs of every principal of the system (KafkaPrincipals), printed as {@code kafka-acls.sh}
 * commands or applied with a super user's connection (docs/security.md, Kafka and registry).
 */
@Command(name = "acls", mixinStandardHelpOptions = true,
        description = "The Kafka ACLs each principal needs (ingest-service, segmentation-streams, notifier-service, crmctl, "
                + "schema-registry), "
                + "as kafka-acls.sh commands; with --apply, created on the cluster (idempotent) through --command-config's "
                + "super user.")
public final class AclsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Option(names = "--apply", description = "Create the ACLs on the cluster instead of printing them.")
    boolean apply;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!apply) {
            KafkaPrincipals.ALL.forEach(principal -> {
                out.println("# " + principal.principal());
                KafkaAccess.kafkaAclsCommands(principal).forEach(out::println);
            });
            out.flush();
            return 0;
        }
        try (KafkaConnection kafka = kafkaOptions.connect()) {
            KafkaAccess.applyAcls(kafka.admin(), KafkaPrincipals.ALL, kafka.timeout().toMillis());
        } catch (ExecutionException e) {
            throw new CrmctlException("creating the ACLs failed: " + e.getCause().getMessage()
                    + "; --command-config must authenticate a super user of the cluster", e);
        } catch (TimeoutException e) {
            throw new CrmctlException("creating the ACLs at " + kafkaOptions.bootstrapServers()
                    + " did not finish within --timeout", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmctlException("interrupted while creating the ACLs", e);
        }
        long count = KafkaPrincipals.allAcls().count();
        out.println(count + " ACLs of " + KafkaPrincipals.ALL.size() + " principals are on " + kafkaOptions.bootstrapServers());
        out.flush();
        return 0;
    }
}
