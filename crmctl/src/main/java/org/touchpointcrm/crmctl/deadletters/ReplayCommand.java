package org.touchpointcrm.crmctl.deadletters;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.kafka.common.serialization.Serializer;
import org.touchpointcrm.avro.DeadLetterReplay;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.crmctl.RegistryOptions;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code crmctl dead-letters replay}: a selection back into the topics its records came from, exactly once
 * (see {@link Replayer}).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replays the selected dead letters into the topics they were read from, each exactly once: a dead "
                + "letter already replayed (on the ledger crm.dlq-replays) is left out.")
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    DeadLettersCommand parent;

    @Mixin
    KafkaOptions kafkaOptions;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    DeadLetterTopicOption topic;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** Exactly one way of selecting, so that "everything" is always said out loud. */
    static final class Which {
        @Option(names = "--id", arity = "1..*", paramLabel = "PARTITION:OFFSET", converter = DeadLetterId.Converter.class,
                description = "These dead letters, as 'list' shows their ids.")
        List<DeadLetterId> ids;

        @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Every dead letter read from this topic.")
        String sourceTopic;

        @Option(names = "--error", paramLabel = "EXCEPTION", description = "Every dead letter failed with this exception class.")
        String error;

        @Option(names = "--all", description = "Every dead letter of the topic.")
        boolean all;

        Selection selection() {
            return new Selection(ids == null ? Set.of() : Set.copyOf(ids), sourceTopic, error, null);
        }
    }

    @Option(names = "--dry-run", description = "Say what would be replayed; write nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String name = topic.one();
        Selection selection = which.selection();
        try (KafkaConnection kafka = kafkaOptions.connect()) {
            List<DeadLetter> selected = DeadLetterReader.read(kafka, name, selection);
            if (selected.isEmpty()) {
                throw new CrmctlException("nothing in " + name + " matches " + selection.describe() + "; nothing replayed. "
                        + "'crmctl dead-letters list' shows what there is");
            }
            ReplayTargets.check(selected);
            ReplayReport report = dryRun ? dryRun(kafka, selected) : new Replayer(kafka, name, ledgerValues(), replayedBy(),
                    Clock.systemUTC()).replay(selected);
            report.print(out, name, dryRun);
        }
        out.flush();
        return 0;
    }

    /** What a replay would do now, read without a transactional producer, so that no running replay is fenced. */
    private static ReplayReport dryRun(KafkaConnection kafka, List<DeadLetter> selected) {
        Set<String> before = ReplayLedger.replayedNow(kafka);
        Map<String, Integer> due = new HashMap<>();
        selected.stream().filter(d -> !before.contains(d.ledgerKey()))
                .forEach(d -> due.merge(d.sourceTopic().orElseThrow(), 1, Integer::sum));
        return new ReplayReport(due, selected.size() - due.values().stream().mapToInt(Integer::intValue).sum());
    }

    private Serializer<DeadLetterReplay> ledgerValues() {
        return parent.crmctl().serdes(registryOptions.connection()).avro(DeadLetterReplay.class).serializer();
    }

    private static String replayedBy() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return System.getProperty("user.name", "unknown-user") + "@" + host;
    }
}
