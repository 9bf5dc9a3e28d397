package org.touchpointcrm.segmentation.sweep;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The customers of one task in the order they fall due: a store keyed by the due instant (8 bytes,
 * big-endian epoch millis, so byte order is time order) followed by the customer id, and beside it
 * each customer's current due instant, so that a new one replaces the old entry. Written by the
 * processor that writes the profile, so both land in the same transaction.
 */
public final class DueIndex {

    /** Due instant + customer id, in time order. */
    public static final String STORE = "profile-due-times";
    /** Customer id to its entry's due instant (epoch millis). */
    public static final String DUE_AT_STORE = "profile-due-at";

    /** A customer that fell due. */
    public record Due(String customerId, Instant at) {
    }

    private static final byte[] NOTHING = new byte[0];

    private final KeyValueStore<Bytes, byte[]> byTime;
    private final KeyValueStore<String, Long> dueAt;

    public DueIndex(KeyValueStore<Bytes, byte[]> byTime, KeyValueStore<String, Long> dueAt) {
        this.byTime = byTime;
        this.dueAt = dueAt;
    }

    /** Cached, like the profiles: a customer rescheduled several times in one commit costs one write. */
    public static StoreBuilder<KeyValueStore<Bytes, byte[]>> byTimeStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, Long>> dueAtStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DUE_AT_STORE), Serdes.String(), Serdes.Long())
                .withCachingEnabled();
    }

    /** Sets when the customer is next due; null: never without an event. */
    public void schedule(String customerId, Instant at) {
        replace(customerId, dueAt.get(customerId), at == null ? null : at.toEpochMilli());
    }

    /**
     * Makes the customer due at {@code at} unless it is due earlier already: for a profile whose derived
     * fields were not brought up to now (a back-fill measures stored profiles), an entry already past
     * due must stay.
     */
    public void scheduleNoLaterThan(String customerId, Instant at) {
        Long held = dueAt.get(customerId);
        if (at != null && (held == null || at.toEpochMilli() < held)) {
            replace(customerId, held, at.toEpochMilli());
        }
    }

    private void replace(String customerId, Long held, Long wanted) {
        if (held != null && held.equals(wanted)) {
            return;
        }
        if (held != null) {
            byTime.delete(key(held, customerId));
        }
        if (wanted == null) {
            dueAt.delete(customerId);
        } else {
            byTime.put(key(wanted, customerId), NOTHING);
            dueAt.put(customerId, wanted);
        }
    }

    /**
     * At most {@code max} customers due at or before {@code now}, earliest first. Read whole before the
     * caller writes back: a cached store's iterator must not see its own writes.
     */
    public List<Due> due(Instant now, int max) {
        List<Due> due = new ArrayList<>(Math.min(max, 1024));
        try (KeyValueIterator<Bytes, byte[]> entries = byTime.range(key(0, ""), key(now.toEpochMilli() + 1, ""))) {
            while (entries.hasNext() && due.size() < max) {
                KeyValue<Bytes, byte[]> next = entries.next();
                byte[] key = next.key.get();
                due.add(new Due(new String(key, Long.BYTES, key.length - Long.BYTES, StandardCharsets.UTF_8),
                        Instant.ofEpochMilli(ByteBuffer.wrap(key).getLong())));
            }
        }
        return due;
    }

    /** The due instant's 8 bytes, then the id; an empty id sorts before every customer due at that instant. */
    static Bytes key(long dueMillis, String customerId) {
        byte[] id = customerId.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(ByteBuffer.allocate(Long.BYTES).putLong(dueMillis).array(), Long.BYTES + id.length);
        System.arraycopy(id, 0, key, Long.BYTES, id.length);
        return Bytes.wrap(key);
    }
}
