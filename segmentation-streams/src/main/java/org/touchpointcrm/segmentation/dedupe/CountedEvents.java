package org.touchpointcrm.segmentation.dedupe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.touchpointcrm.avro.CountedTouchpoint;

/**
 * The touchpoints each customer counted within the dedupe retention, in a window store keyed
 * {@code customerId + '\u0000' + eventId} so that old ones expire segment by segment instead of by a scan, and a
 * customer's all are one key range (a merge hands them to the survivor, docs/identity.md).
 */
public final class CountedEvents {

    public static final String STORE = "counted-events";
    /** The most counted touchpoints a merge hands over; beyond it an overlap may be counted twice (documented). */
    public static final int MAX_HANDED_OVER = 10_000;

    private static final char SEPARATOR = '\u0000';

    private final WindowStore<String, CountedTouchpoint> store;
    private final Duration retention;

    public CountedEvents(WindowStore<String, CountedTouchpoint> store, Duration retention) {
        this.store = store;
        this.retention = retention;
    }

    public static StoreBuilder<WindowStore<String, CountedTouchpoint>> store(Duration retention,
                                                                            Serde<CountedTouchpoint> serde) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(STORE, retention, retention, false),
                Serdes.String(), serde);
    }

    /** Whether the customer counted the event within the retention around {@code at}. */
    public boolean contains(String customerId, String eventId, long at) {
        try (var earlier = store.fetch(key(customerId, eventId), Instant.ofEpochMilli(at).minus(retention),
                Instant.ofEpochMilli(at).plus(retention))) {
            return earlier.hasNext();
        }
    }

    public void put(String customerId, CountedTouchpoint counted, long at) {
        store.put(key(customerId, counted.getEventId()), counted, at);
    }

    /** The customer's counted touchpoints still held, at most {@link #MAX_HANDED_OVER}. */
    public List<CountedTouchpoint> of(String customerId) {
        List<CountedTouchpoint> all = new ArrayList<>();
        try (var range = store.fetch(customerId + SEPARATOR, customerId + (char) (SEPARATOR + 1),
                Instant.EPOCH, Instant.ofEpochMilli(Long.MAX_VALUE))) {
            while (range.hasNext() && all.size() < MAX_HANDED_OVER) {
                all.add(range.next().value);
            }
        }
        return all;
    }

    private static String key(String customerId, String eventId) {
        return customerId + SEPARATOR + eventId;
    }
}
