package org.touchpointcrm.crmctl.deadletters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which dead letters a command means: by id, by the topic they came from, by error class (full or simple
 * name), from an instant on. Criteria combine with "and"; none at all means every dead letter.
 */
record Selection(Set<DeadLetterId> ids, String sourceTopic, String error, Instant since) implements Predicate<DeadLetter> {

    static final Selection ALL = new Selection(Set.of(), null, null, null);

    Selection {
        ids = ids == null ? Set.of() : Set.copyOf(ids);
    }

    @Override
    public boolean test(DeadLetter deadLetter) {
        return (ids.isEmpty() || ids.contains(deadLetter.id()))
                && (sourceTopic == null || deadLetter.sourceTopic().filter(sourceTopic::equals).isPresent())
                && (error == null || error.equals(deadLetter.errorClass()) || error.equals(deadLetter.errorSimpleName()))
                && (since == null || !deadLetter.timestamp().isBefore(since));
    }

    boolean isEverything() {
        return ids.isEmpty() && sourceTopic == null && error == null && since == null;
    }

    /** The criteria as the user gave them, for messages. */
    String describe() {
        List<String> criteria = new ArrayList<>();
        if (!ids.isEmpty()) {
            criteria.add("--id " + String.join(" ", ids.stream().sorted().map(DeadLetterId::toString).toList()));
        }
        if (sourceTopic != null) {
            criteria.add("--source-topic " + sourceTopic);
        }
        if (error != null) {
            criteria.add("--error " + error);
        }
        if (since != null) {
            criteria.add("--since " + since);
        }
        return criteria.isEmpty() ? "everything" : String.join(" ", criteria);
    }
}
