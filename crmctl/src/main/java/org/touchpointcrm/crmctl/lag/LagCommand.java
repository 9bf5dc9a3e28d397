package org.touchpointcrm.crmctl.lag;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.crmctl.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crmctl lag}: how far each consumer group is behind, per topic. */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "For every consumer group (a Kafka Streams app appears as its application.id, e.g. crm-segmentation), "
                + "per topic: committed offsets and end offsets added up, the lag, and the group's members.")
public final class LagCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only this group.")
    String group;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<GroupLag> groups;
        try (KafkaConnection kafka = kafkaOptions.connect()) {
            List<String> ids = group != null ? List.of(group) : GroupLag.consumerGroups(kafka);
            if (group != null && !GroupLag.consumerGroups(kafka).contains(group)) {
                throw new CrmctlException("there is no consumer group " + group + " on Kafka at " + kafka.bootstrapServers()
                        + "; 'crmctl lag' without --group lists every group there is");
            }
            groups = ids.stream().map(id -> GroupLag.of(kafka, id)).toList();
        }
        if (groups.isEmpty()) {
            out.println("no consumer groups");
        }
        for (GroupLag lag : groups) {
            out.println("group " + lag.groupId() + " (" + lag.state() + ", " + lag.members().size() + " member"
                    + (lag.members().size() == 1 ? "" : "s") + ")");
            lag.members().forEach(member -> out.println("  member " + member));
            if (lag.topics().isEmpty()) {
                out.println("  no committed offsets");
            } else {
                TextTable table = new TextTable("TOPIC", "PARTITIONS", "COMMITTED", "END", "LAG");
                lag.topics().forEach(t -> table.row(t.topic(), t.partitions(), t.committed(), t.end(), t.lag()));
                table.print(out, "  ");
                out.println("  total lag " + lag.totalLag());
            }
            out.println();
        }
        out.flush();
        return 0;
    }
}
