package org.touchpointcrm.crmctl;

import java.io.PrintWriter;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.touchpointcrm.crmctl.acls.AclsCommand;
import org.touchpointcrm.crmctl.deadletters.DeadLettersCommand;
import org.touchpointcrm.crmctl.lag.LagCommand;
import org.touchpointcrm.crmctl.schemas.SchemasCommand;
import org.touchpointcrm.crmctl.segments.SegmentsCommand;
import org.touchpointcrm.crmctl.topics.TopicsCommand;
import org.touchpointcrm.schemas.AvroLimits;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code crmctl}: the operators' command line. Exit codes: 0 done, 1 failed at run time (the message says
 * why and what to do), 2 the command line itself is wrong (picocli's usage message), 3 {@code topics} found
 * a topic that differs from the catalogue.
 */
@Command(name = "crmctl", mixinStandardHelpOptions = true, version = "crmctl (Touchpoint CRM)",
        description = "Dead letters (list, show, replay exactly once), topics against the catalogue, consumer lag, segment sizes, "
                + "schema registration, Kafka ACLs.",
        subcommands = {DeadLettersCommand.class, TopicsCommand.class, LagCommand.class, SegmentsCommand.class,
                SchemasCommand.class, AclsCommand.class})
public final class Crmctl implements Runnable {

    /**
     * Apicurio's serde client logs through java.util.logging, and warns on every run that it shares a default
     * Vert.x instance, which a command that runs for seconds does on purpose. Held here: JUL keeps loggers weakly.
     */
    private static final Logger APICURIO = Logger.getLogger("io.apicurio");

    private final Function<RegistryConnection, CrmSerdes> serdes;

    @Spec
    CommandSpec spec;

    private Crmctl(Function<RegistryConnection, CrmSerdes> serdes) {
        this.serdes = serdes;
    }

    public static void main(String[] args) {
        // Before any record is read (Avro reads its limits once): a dead letter may be one because it declares
        // a length no record can hold, and showing it must refuse that length, not allocate it.
        AvroLimits.apply();
        APICURIO.setLevel(Level.SEVERE);
        System.exit(commandLine().execute(args));
    }

    /** crmctl as {@link #main} runs it: serdes from the registry given by {@code --registry} and its credentials. */
    public static CommandLine commandLine() {
        return commandLine(CrmSerdes::withRegistry);
    }

    /**
     * @param serdes the serdes for a registry connection; tests without a registry give registry-less ones
     */
    public static CommandLine commandLine(Function<RegistryConnection, CrmSerdes> serdes) {
        CommandLine commandLine = new CommandLine(new Crmctl(serdes));
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter err = failed.getErr();
            if (exception instanceof CrmctlException) {
                err.println("crmctl: " + exception.getMessage());
            } else {
                err.println("crmctl: failed unexpectedly: " + exception);
                exception.printStackTrace(err);
            }
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return commandLine;
    }

    /** The serdes that write Avro values registered at {@code registry}. */
    public CrmSerdes serdes(RegistryConnection registry) {
        return serdes.apply(registry);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "Missing command: give one of dead-letters, topics, lag, segments (crmctl --help says more)");
    }
}
