package org.touchpointcrm.notifier.results;

import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What has been counted of one message (sent, delivered, failed, opened, clicked, unsubscribed), as bits
 * in {@link ResultsStores#MESSAGE_FLAGS}: the first ledger entry or touchpoint of a kind counts, a
 * repeat (a pixel loaded twice, a webhook asked again, an entry rewritten) does not.
 */
final class MessageFlags {

    private final KeyValueStore<String, Integer> store;

    MessageFlags(KeyValueStore<String, Integer> store) {
        this.store = store;
    }

    /** The measure to count, if it is the first of its kind for this message. */
    Optional<ResultCount> first(String sendId, Measure measure) {
        int bit = 1 << measure.ordinal();
        Integer flags = store.get(sendId);
        int known = flags == null ? 0 : flags;
        if ((known & bit) != 0) {
            return Optional.empty();
        }
        store.put(sendId, known | bit);
        // Only messages decided SEND are handed over, opened or clicked: these all count for the treated group.
        return Optional.of(ResultCount.of(Group.TREATED, measure));
    }
}
