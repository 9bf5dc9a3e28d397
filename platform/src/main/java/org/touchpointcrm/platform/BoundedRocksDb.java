package org.touchpointcrm.platform;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.springframework.util.unit.DataSize;

/**
 * RocksDB with bounded memory: every store of every Streams app in the JVM shares one block cache,
 * and their memtables count against it, as the Kafka Streams memory-management guide recommends.
 * Streams' defaults give each store instance (one per task and store: 12 partitions make 12
 * instances per store) its own 50 MB cache and 3 × 16 MB write buffers, so memory grows with the
 * partitions a node owns. LZ4 halves a profile's size on disk for little CPU.
 *
 * <p>The sizes are Streams properties ({@value #OFF_HEAP_CONFIG}, {@value #MEMTABLES_CONFIG}, e.g.
 * {@code spring.kafka.streams.properties.crm.rocksdb.off-heap: 256MB}); the first store opened in the JVM
 * sizes the shared cache for all.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

    /** Off-heap memory for all stores in the JVM: block cache, index and filter blocks, memtables. */
    public static final String OFF_HEAP_CONFIG = "crm.rocksdb.off-heap";
    /** The part of it memtables may take before RocksDB flushes. */
    public static final String MEMTABLES_CONFIG = "crm.rocksdb.memtables";
    public static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
    public static final long TOTAL_MEMTABLE_BYTES = 32L * 1024 * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    private static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

    /** The memory all stores share. */
    public record Sizes(long offHeapBytes, long memtableBytes) {

        /** The sizes a Streams configuration asks for, the defaults where it names none. */
        public static Sizes of(Map<String, Object> configs) {
            long offHeap = bytes(configs, OFF_HEAP_CONFIG, TOTAL_OFF_HEAP_BYTES);
            long memtables = bytes(configs, MEMTABLES_CONFIG, TOTAL_MEMTABLE_BYTES);
            if (memtables > offHeap) {
                throw new IllegalArgumentException(MEMTABLES_CONFIG + " (" + memtables + " bytes) must not exceed "
                        + OFF_HEAP_CONFIG + " (" + offHeap + " bytes): the memtables are a part of that memory");
            }
            return new Sizes(offHeap, memtables);
        }

        private static long bytes(Map<String, Object> configs, String key, long byDefault) {
            Object value = configs.get(key);
            if (value == null) {
                return byDefault;
            }
            try {
                long bytes = value instanceof Number number ? number.longValue() : DataSize.parse(value.toString().strip()).toBytes();
                if (bytes < 1024 * 1024) {
                    throw new IllegalArgumentException("too small");
                }
                return bytes;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + ": '" + value + "' is not a size of 1MB or more; write e.g. 128MB",
                        e);
            }
        }
    }

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    // Shared by design: one cache for every store; never closed by a store.
    private static Shared shared;

    private static synchronized Shared shared(Map<String, Object> configs) {
        if (shared == null) {
            Sizes sizes = Sizes.of(configs);
            Cache cache = new LRUCache(sizes.offHeapBytes(), -1, false, INDEX_FILTER_BLOCK_RATIO);
            shared = new Shared(cache, new WriteBufferManager(sizes.memtableBytes(), cache));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        Shared memory = shared(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(memory.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(memory.writeBuffers());
        options.setWriteBufferSize(WRITE_BUFFER_BYTES);
        options.setMaxWriteBufferNumber(2);
        options.setCompressionType(CompressionType.LZ4_COMPRESSION);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // The cache and write buffer manager are shared by every store; they live as long as the JVM.
    }
}
