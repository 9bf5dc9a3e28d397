package org.touchpointcrm.crmctl.deadletters;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.crmctl.TextTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crmctl dead-letters list}: one line per dead letter, then counts by source topic and error. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists dead letters (read to the end the topic has now; never waits for new ones), then counts them "
                + "by source topic and error.")
final class ListCommand implements Callable<Integer> {

    private static final int MESSAGE_WIDTH = 80;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Mixin
    DeadLetterTopicOption topic;

    @Option(names = "--source-topic", paramLabel = "TOPIC", description = "Only those read from this topic.")
    String sourceTopic;

    @Option(names = "--error", paramLabel = "EXCEPTION", description = "Only those failed with this exception class (full or simple name).")
    String error;

    @Option(names = "--since", paramLabel = "INSTANT|DURATION", converter = SinceConverter.class,
            description = "Only those from this instant on (2026-11-23T08:00:00Z) or this long ago (3h, 2d, PT90M).")
    Instant since;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "Lines to print at most (default: ${DEFAULT-VALUE}); the counts include all.")
    int limit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Selection selection = new Selection(Set.of(), sourceTopic, error, since);
        List<String> topics = topic.topicsOrAll();
        try (KafkaConnection kafka = kafkaOptions.connect()) {
            Set<String> replayed = ReplayLedger.replayedNow(kafka);
            for (String name : topics) {
                print(out, name, DeadLetterReader.read(kafka, name, selection), replayed, selection);
            }
        }
        out.flush();
        return 0;
    }

    private void print(PrintWriter out, String name, List<DeadLetter> deadLetters, Set<String> replayed, Selection selection) {
        out.println(name + ": " + deadLetters.size() + " dead letter" + (deadLetters.size() == 1 ? "" : "s")
                + (selection.isEverything() ? "" : " matching " + selection.describe()));
        if (deadLetters.isEmpty()) {
            return;
        }
        TextTable lines = new TextTable("ID", "TIME", "SOURCE", "KEY", "ERROR", "MESSAGE", "REPLAYED");
        deadLetters.stream().sorted(Comparator.comparing(DeadLetter::timestamp).thenComparing(DeadLetter::id)).limit(limit)
                .forEach(d -> lines.row(d.id(), d.timestamp(), d.source(), d.keyText(), d.errorSimpleName(),
                        firstLine(d.errorMessage()), replayed.contains(d.ledgerKey()) ? "yes" : "no"));
        lines.print(out, "");
        if (deadLetters.size() > limit) {
            out.println("(" + limit + " of " + deadLetters.size() + " shown, oldest first; --limit shows more)");
        }
        out.println();
        out.println("by source topic and error:");
        TextTable counts = new TextTable("SOURCE TOPIC", "ERROR", "COUNT", "REPLAYED");
        Map<List<String>, List<DeadLetter>> groups = deadLetters.stream().collect(Collectors.groupingBy(
                d -> List.of(d.sourceTopic().orElse("?"), d.errorClass()),
                () -> new TreeMap<>(Comparator.comparing((List<String> g) -> g.get(0)).thenComparing(g -> g.get(1))),
                Collectors.toList()));
        groups.forEach((group, members) -> counts.row(group.get(0), group.get(1), members.size(),
                members.stream().filter(d -> replayed.contains(d.ledgerKey())).count()));
        counts.print(out, "  ");
    }

    private static String firstLine(String message) {
        String line = message.lines().findFirst().orElse("");
        return line.length() <= MESSAGE_WIDTH ? line : line.substring(0, MESSAGE_WIDTH - 3) + "...";
    }
}
