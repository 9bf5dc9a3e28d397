package org.touchpointcrm.crmctl.deadletters;

import org.touchpointcrm.crmctl.Crmctl;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crmctl dead-letters list|show|replay}. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "Dead letters of the catalogue's crm.dlq.* topics: list them, show one, replay a selection exactly once.",
        subcommands = {ListCommand.class, ShowCommand.class, ReplayCommand.class})
public final class DeadLettersCommand implements Runnable {

    @ParentCommand
    Crmctl crmctl;

    @Spec
    CommandSpec spec;

    Crmctl crmctl() {
        return crmctl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: give one of list, show, replay");
    }
}
