package org.touchpointcrm.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;

import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class BoundedRocksDbTest {

    @Test
    void everyStreamsAppRunsExactlyOnceWithBoundedRocksDb() {
        var factoryBean = new StreamsBuilderFactoryBean();
        factoryBean.setStreamsConfiguration(new Properties());

        new CrmKafkaAutoConfiguration.StreamsGuarantees().exactlyOnceWithExplicitNames().configure(factoryBean);

        Properties config = factoryBean.getStreamsConfiguration();
        assertThat(config).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2)
                .containsEntry(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true)
                .containsEntry(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDb.class);
    }

    @Test
    void storesShareOneCacheAndCompressWithLz4() {
        RocksDB.loadLibrary();
        try (var first = new Options(); var second = new Options()) {
            first.setTableFormatConfig(new BlockBasedTableConfig());
            second.setTableFormatConfig(new BlockBasedTableConfig());
            var setter = new BoundedRocksDb();

            setter.setConfig("profiles", first, Map.of());
            setter.setConfig("seen-event-ids", second, Map.of());

            assertThat(first.compressionType()).isEqualTo(CompressionType.LZ4_COMPRESSION);
            assertThat(first.maxWriteBufferNumber()).isEqualTo(2);
            assertThat(((BlockBasedTableConfig) first.tableFormatConfig()).cacheIndexAndFilterBlocks()).isTrue();
            assertThat(second.writeBufferSize()).isEqualTo(first.writeBufferSize());
        }
    }

    @Test
    void theSharedMemoryIsConfiguredThroughStreamsProperties() {
        assertThat(BoundedRocksDb.Sizes.of(Map.of())).isEqualTo(new BoundedRocksDb.Sizes(
                BoundedRocksDb.TOTAL_OFF_HEAP_BYTES, BoundedRocksDb.TOTAL_MEMTABLE_BYTES));
        assertThat(BoundedRocksDb.Sizes.of(Map.of(BoundedRocksDb.OFF_HEAP_CONFIG, "256MB", BoundedRocksDb.MEMTABLES_CONFIG,
                "64MB"))).isEqualTo(new BoundedRocksDb.Sizes(256L << 20, 64L << 20));
        assertThatThrownBy(() -> BoundedRocksDb.Sizes.of(Map.of(BoundedRocksDb.OFF_HEAP_CONFIG, "lots")))
                .hasMessageContaining(BoundedRocksDb.OFF_HEAP_CONFIG).hasMessageContaining("128MB");
        assertThatThrownBy(() -> BoundedRocksDb.Sizes.of(Map.of(BoundedRocksDb.OFF_HEAP_CONFIG, "16MB")))
                .hasMessageContaining("must not exceed");
    }
}
