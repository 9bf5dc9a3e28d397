package org.touchpointcrm.crmctl.topics;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.crmctl.TextTable;
import org.touchpointcrm.platform.topics.TopicMismatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crmctl topics}: every catalogue topic as the broker has it, and where it differs from the catalogue. */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "Every catalogue topic: whether it exists, its partitions, cleanup, retention, min ISR and end offsets, "
                + "and whether it differs from the catalogue (as the services check at start). Exit code 3 when one differs.")
public final class TopicsCommand implements Callable<Integer> {

    /** Exit code when a topic differs from the catalogue: a deployment check can fail on it. */
    public static final int DIFFERS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Option(names = "--min-insync-replicas", defaultValue = "1", paramLabel = "N",
            description = "What the deployment sets as crm.kafka.min-insync-replicas (default: ${DEFAULT-VALUE}).")
    int minInsyncReplicas;

    @Option(names = "--replication-factor", paramLabel = "N",
            description = "What the deployment sets as crm.kafka.replication-factor; unset: not checked, as in the services.")
    Short replicationFactor;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<TopicStatus> statuses;
        try (KafkaConnection kafka = kafkaOptions.connect()) {
            statuses = TopicStatus.ofCatalogue(kafka, minInsyncReplicas, replicationFactor);
        }
        TextTable table = new TextTable("TOPIC", "EXISTS", "PARTITIONS", "CLEANUP", "RETENTION", "MIN ISR", "END OFFSETS", "CATALOGUE");
        for (TopicStatus status : statuses) {
            if (status.exists()) {
                table.row(status.name(), "yes", status.partitions(), status.cleanupPolicy(), status.retention(),
                        status.minInsyncReplicas(), status.endOffsets(), status.mismatches().isEmpty() ? "ok" : "MISMATCH");
            } else {
                table.row(status.name(), "no", "-", "-", "-", "-", "-", "MISSING");
            }
        }
        table.print(out, "");
        List<TopicMismatch> mismatches = statuses.stream().flatMap(s -> s.mismatches().stream()).toList();
        List<String> missing = statuses.stream().filter(s -> !s.exists()).map(TopicStatus::name).toList();
        if (!mismatches.isEmpty()) {
            out.println();
            out.println("differ from the catalogue (the services refuse to start until fixed):");
            mismatches.forEach(m -> {
                out.println("  - " + m.describe());
                out.println("    fix: " + m.remedy(kafkaOptions.bootstrapServers()));
            });
        }
        if (!missing.isEmpty()) {
            out.println();
            out.println("missing (a service creates them from the catalogue at start): " + String.join(", ", missing));
        }
        out.flush();
        return mismatches.isEmpty() ? 0 : DIFFERS;
    }
}
