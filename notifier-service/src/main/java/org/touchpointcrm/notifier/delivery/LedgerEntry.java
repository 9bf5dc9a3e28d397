package org.touchpointcrm.notifier.delivery;

import java.util.EnumMap;
import java.util.Map;

import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;

/**
 * What the ledger keeps of a send id: its newest state, and the attempt it belongs to (empty: the first; else the
 * replayed dead letter that started it, {@code <topic>/<partition>/<offset>}).
 */
public record LedgerEntry(DeliveryState state, String replayOf) {

    /** The first attempt's entries, shared: most of the ledger, so an entry costs the map's node and the id only. */
    private static final Map<DeliveryState, LedgerEntry> FIRST_ATTEMPT = new EnumMap<>(DeliveryState.class);

    static {
        for (DeliveryState state : DeliveryState.values()) {
            FIRST_ATTEMPT.put(state, new LedgerEntry(state, null));
        }
    }

    static LedgerEntry of(Delivery delivery) {
        return delivery.getReplayOf() == null ? FIRST_ATTEMPT.get(delivery.getState())
                : new LedgerEntry(delivery.getState(), delivery.getReplayOf());
    }

    /**
     * Which attempt: -1 for the first, else the replayed dead letter's offset. A send id's dead letters are keyed by
     * its customer, so they share one partition of the dead-letter topic and a later one has a higher offset.
     */
    long attempt() {
        if (replayOf == null) {
            return -1;
        }
        try {
            return Long.parseLong(replayOf.substring(replayOf.lastIndexOf('/') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    boolean settled() {
        return state != DeliveryState.INTENT;
    }

    /**
     * Whether what the ledger read ({@code read}) replaces what it knows: a later attempt always does; within one
     * attempt, a settled state is never replaced by that attempt's INTENT read back after it.
     */
    static LedgerEntry newer(LedgerEntry known, LedgerEntry read) {
        if (read.attempt() != known.attempt()) {
            return read.attempt() > known.attempt() ? read : known;
        }
        return known.settled() && !read.settled() ? known : read;
    }
}
