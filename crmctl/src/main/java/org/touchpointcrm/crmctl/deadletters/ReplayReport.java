package org.touchpointcrm.crmctl.deadletters;

import java.io.PrintWriter;
import java.util.Map;
import java.util.TreeMap;

import org.touchpointcrm.schemas.Topics;

/**
 * What a replay did.
 *
 * @param replayed       how many dead letters went to each target topic
 * @param replayedBefore how many of the selection the ledger already had, left out
 */
record ReplayReport(Map<String, Integer> replayed, int replayedBefore) {

    ReplayReport {
        replayed = Map.copyOf(replayed);
    }

    int total() {
        return replayed.values().stream().mapToInt(Integer::intValue).sum();
    }

    void print(PrintWriter out, String deadLetterTopic, boolean dryRun) {
        String verb = dryRun ? "would replay" : "replayed";
        if (total() == 0) {
            out.println((dryRun ? "would replay nothing" : "replayed nothing") + " from " + deadLetterTopic + ": all "
                    + replayedBefore + " selected were replayed before (" + Topics.DLQ_REPLAYS.name()
                    + " has them)");
            return;
        }
        out.println(verb + " " + total() + " dead letter" + (total() == 1 ? "" : "s") + " from " + deadLetterTopic
                + (dryRun ? " (dry run: nothing written)" : "") + ":");
        new TreeMap<>(replayed).forEach((topic, count) -> out.println("  " + topic + "  " + count));
        if (replayedBefore > 0) {
            out.println(replayedBefore + " selected were replayed before and left out");
        }
    }
}
