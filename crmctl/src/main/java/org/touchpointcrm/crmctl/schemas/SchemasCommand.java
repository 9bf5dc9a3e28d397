package org.touchpointcrm.crmctl.schemas;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.TextTable;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;
import org.touchpointcrm.schemas.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

        @Option(names = "--registry", defaultValue = "http://localhost:8085", paramLabel = "URL",
                description = "The schema registry's base address (default: ${DEFAULT-VALUE}).")
        URI registry;

        @Option(names = "--registry-user", paramLabel = "USER", description = "Basic-auth user of the registry.")
        String user;

        @Option(names = "--registry-password-file", paramLabel = "FILE",
                description = "A file holding that user's password (not on the command line, where ps shows it).")
        Path passwordFile;

        @Option(names = "--registry-truststore", paramLabel = "FILE",
                description = "PKCS12 trust store with the registry's certificate or CA, for an https address.")
        Path truststore;

        @Option(names = "--registry-truststore-password-file", paramLabel = "FILE",
                description = "A file holding the trust store's password.")
        Path truststorePasswordFile;

        @Override
        public Integer call() {
            RegistryConnection connection = RegistryConnection.of(registry);
            if (user != null) {
                if (passwordFile == null) {
                    throw new CrmctlException("--registry-user needs --registry-password-file");
                }
                connection = connection.withBasicAuth(user, secret(passwordFile, "--registry-password-file"));
            }
            if (truststore != null) {
                connection = connection.withTruststore(truststore, truststorePasswordFile == null ? ""
                        : secret(truststorePasswordFile, "--registry-truststore-password-file"), "PKCS12");
            }
            Map<String, Long> registered;
            try {
                registered = CrmSerdes.withRegistry(connection).registerValueSchemas(Topics.ALL);
            } catch (RuntimeException e) {
                throw new CrmctlException("registering the schemas at " + registry + " failed: " + e.getMessage()
                        + "; check --registry and its credentials", e);
            }
            PrintWriter out = spec.commandLine().getOut();
            TextTable table = new TextTable("SUBJECT", "CONTENT ID");
            registered.forEach(table::row);
            table.print(out, "");
            out.println(registered.size() + " subjects registered or already there at " + registry);
            out.flush();
            return 0;
        }

        private static String secret(Path file, String option) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new CrmctlException(option + " " + file + " could not be read (" + e + "); give a readable file", e);
            }
        }
    }
}
