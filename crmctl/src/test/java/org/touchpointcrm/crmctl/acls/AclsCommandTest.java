package org.touchpointcrm.crmctl.acls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.crmctl.CrmctlRun.crmctl;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.crmctl.CrmctlRun;
import org.touchpointcrm.platform.acls.KafkaAccess;
import org.touchpointcrm.platform.acls.KafkaPrincipals;

class AclsCommandTest {

    @Test
    void printsEveryPrincipalsAclsAsKafkaAclsCommands() {
        CrmctlRun run = crmctl("acls");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        KafkaPrincipals.ALL.forEach(principal -> {
            assertThat(run.out()).contains("# " + principal.principal());
            assertThat(run.out()).contains(KafkaAccess.kafkaAclsCommands(principal));
        });
        assertThat(run.out().lines().filter(line -> line.endsWith("--topic crm.campaigns") && line.contains("--operation Write")))
                .singleElement().asString().contains("User:notifier-service");
    }
}
