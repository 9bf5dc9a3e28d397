package org.touchpointcrm.platform;

import java.util.Map;

import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.CompressionType;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * RocksDB with bounded memory: every store of every Streams app in the JVM shares one block cache,
 * and their memtables count against it, as the Kafka Streams memory-management guide recommends.
 * Streams' defaults give each store instance (one per task and store: 12 partitions make 12
 * instances per store) its own 50 MB cache and 3 × 16 MB write buffers, so memory grows with the
 * partitions a node owns. LZ4 halves a profile's size on disk for little CPU.
 */
public class BoundedRocksDb implements RocksDBConfigSetter {

    /** Off-heap memory for all stores in the JVM: block cache, index and filter blocks, memtables. */
    public static final long TOTAL_OFF_HEAP_BYTES = 128L * 1024 * 1024;
    /** The part of it memtables may take before RocksDB flushes. */
    public static final long TOTAL_MEMTABLE_BYTES = 32L * 1024 * 1024;
    private static final double INDEX_FILTER_BLOCK_RATIO = 0.1;
    private static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

    // Shared by design: one cache for every store; never closed by a store.
    private static final Cache CACHE = new LRUCache(TOTAL_OFF_HEAP_BYTES, -1, false, INDEX_FILTER_BLOCK_RATIO);
    private static final WriteBufferManager WRITE_BUFFERS = new WriteBufferManager(TOTAL_MEMTABLE_BYTES, CACHE);

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(CACHE);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(WRITE_BUFFERS);
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
