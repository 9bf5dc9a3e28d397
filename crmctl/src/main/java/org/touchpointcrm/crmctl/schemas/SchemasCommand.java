package org.touchpointcrm.crmctl.schemas;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.RegistryOptions;
import org.touchpointcrm.crmctl.TextTable;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;
import org.touchpointcrm.schemas.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code crmctl schemas register}: the release step that registers every catalogue topic's value schema, for a
 * production whose services run with {@code crm.kafka.schema-registry.auto-register=false} (docs/security.md).
 */
@Command(name = "schemas", mixinStandardHelpOptions = true,
        description = "Schemas in the registry.",
        subcommands = SchemasCommand.Register.class)
public final class SchemasCommand {

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Registers the value schema of every catalogue topic under <topic>-value, as a producer with "
                    + "auto-registration would; one already there is kept. Run it before a release whose services do "
                    + "not register schemas themselves (crm.kafka.schema-registry.auto-register=false).")
    static final class Register implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        RegistryOptions registryOptions;

        @Override
        public Integer call() {
            RegistryConnection connection = registryOptions.connection();
            Map<String, Long> registered;
            try {
                registered = CrmSerdes.withRegistry(connection).registerValueSchemas(Topics.ALL);
            } catch (RuntimeException e) {
                throw new CrmctlException("registering the schemas at " + registryOptions.registry() + " failed: " + e.getMessage()
                        + "; " + (RegistryOptions.unauthorized(e) ? RegistryOptions.CREDENTIALS_HINT + ", or check the ones given"
                                : "check --registry and its credentials"), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            TextTable table = new TextTable("SUBJECT", "CONTENT ID");
            registered.forEach(table::row);
            table.print(out, "");
            out.println(registered.size() + " subjects registered or already there at " + registryOptions.registry());
            out.flush();
            return 0;
        }
    }
}
