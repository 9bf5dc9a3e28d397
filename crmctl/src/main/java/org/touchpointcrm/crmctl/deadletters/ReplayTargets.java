package org.touchpointcrm.crmctl.deadletters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.header.Header;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.schemas.DeadLetterHeaders;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * Where dead letters may be replayed to: the topic each was read from, if that is a catalogue topic that
 * a service reads (not a dead-letter topic, not the ledger). A Kafka Streams internal topic (a repartition
 * or changelog topic) is refused: its records are the app's own intermediate form, written by the app.
 */
final class ReplayTargets {

    private ReplayTargets() {
    }

    /** @throws CrmctlException naming every dead letter that cannot be replayed, and why */
    static void check(List<DeadLetter> selection) {
        Map<String, List<DeadLetterId>> refused = new TreeMap<>();
        for (DeadLetter deadLetter : selection) {
            problem(deadLetter).ifPresent(problem -> refused.computeIfAbsent(problem, p -> new ArrayList<>()).add(deadLetter.id()));
        }
        if (!refused.isEmpty()) {
            throw new CrmctlException("nothing replayed; these dead letters cannot be replayed:\n"
                    + refused.entrySet().stream()
                            .map(e -> "  - " + e.getValue().stream().map(DeadLetterId::toString).collect(Collectors.joining(" "))
                                    + ": " + e.getKey())
                            .collect(Collectors.joining("\n"))
                    + "\nLeave them out of the selection (--id, --source-topic, --error) and replay the rest.");
        }
    }

    private static Optional<String> problem(DeadLetter deadLetter) {
        Optional<String> source = deadLetter.sourceTopic();
        if (source.isEmpty() || deadLetter.sourcePartition().isEmpty()) {
            return Optional.of("no __streams.errors.topic / .partition header, so where it came from is unknown "
                    + "(not written by Kafka Streams' dead-letter support)");
        }
        String name = source.get();
        Optional<Topic<?, ?>> target = Topics.ALL.stream().filter(t -> t.name().equals(name)).findFirst();
        if (target.isEmpty()) {
            return Optional.of("it came from " + name + ", which is not a topic of the catalogue (a Kafka Streams internal "
                    + "topic, most likely) and holds what the app itself writes; send the original event again to its "
                    + "input topic (e.g. through ingest-service) if it must count");
        }
        if (name.startsWith(Topics.DEAD_LETTER_PREFIX) || target.get().equals(Topics.DLQ_REPLAYS)) {
            return Optional.of("it came from " + name + ", which no service reads, so a replay there would change nothing");
        }
        Header kind = deadLetter.headers().lastHeader(DeadLetterHeaders.DELIVERY_FAILURE_KIND);
        if (target.get().equals(Topics.CAMPAIGN_MESSAGES) && kind != null
                && DeadLetterHeaders.PERMANENT.equals(new String(kind.value(), StandardCharsets.UTF_8))) {
            return Optional.of("the provider refused this message for good (its address or content; 'crmctl dead-letters show' "
                    + "says what it answered): a replay would hand the same message to the same address again. A corrected "
                    + "address or template is used by the campaign's next decision; only a message that failed because a "
                    + "provider was down or refusing for a while (crm.delivery.failure-kind TRANSIENT) is replayed, as a "
                    + "new attempt of its send id");
        }
        if (deadLetter.sourcePartition().getAsInt() >= target.get().partitions()) {
            return Optional.of("its partition " + deadLetter.sourcePartition().getAsInt() + " is not one of " + name + "'s "
                    + target.get().partitions());
        }
        return Optional.empty();
    }
}
