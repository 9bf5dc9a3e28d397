package org.touchpointcrm.segmentation.members;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.touchpointcrm.segmentation.query.StoreQueries;

/** One partition of a String-keyed store in memory, sorted like RocksDB sorts UTF-8 keys (for these ASCII keys). */
final class SortedStore<V> implements ReadOnlyKeyValueStore<String, V> {

    final NavigableMap<String, V> entries = new TreeMap<>();

    /** Every partition of the members store, held by this instance ({@code stores} is a mock). */
    static List<SortedStore<Long>> everyMembersPartitionHere(StoreQueries stores) {
        List<SortedStore<Long>> partitions = new ArrayList<>();
        for (int p = 0; p < SegmentMembersQuery.PARTITIONS; p++) {
            var partition = new SortedStore<Long>();
            partitions.add(partition);
            given(stores.ownerOfPartition(eq(SegmentMembership.STORE), eq(p), anyString()))
                    .willReturn(new StoreQueries.Owner(new HostInfo("localhost", 8082), p, true));
            given(stores.<Long>localStore(eq(SegmentMembership.STORE), eq(p), anyString())).willReturn(partition);
        }
        return partitions;
    }

    @Override
    public V get(String key) {
        return entries.get(key);
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        NavigableMap<String, V> range = from == null ? entries : entries.tailMap(from, true);
        return iterator((to == null ? range : range.headMap(to, true)).entrySet().iterator());
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return iterator(entries.entrySet().iterator());
    }

    @Override
    public long approximateNumEntries() {
        return entries.size();
    }

    private static <V> KeyValueIterator<String, V> iterator(Iterator<Map.Entry<String, V>> it) {
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public KeyValue<String, V> next() {
                var entry = it.next();
                return KeyValue.pair(entry.getKey(), entry.getValue());
            }

            @Override
            public void close() {
            }

            @Override
            public String peekNextKey() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
