package org.touchpointcrm.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.profile.UpdateProfile;

/** The segmentation benchmark's measurement of bytes per profile: serialized on crm.customer-profiles, and on disk. */
final class ProfileFootprint {

    record ProfileSizes(long profiles, long records, double averageBytes, long p50Bytes, long p99Bytes, long maxBytes,
                        long keyBytes) {
    }

    record DiskSize(long profilesStoreBytes, long profilesSstBytes, int taskDirectories, long allStateBytes) {
    }

    private ProfileFootprint() {
    }

    /** The newest value of every key of crm.customer-profiles: Avro bytes after the 5-byte header. */
    static ProfileSizes sizes(String bootstrapServers, Duration within) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-profile-sizes");
        var sizes = new HashMap<String, Integer>();
        long records = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.CUSTOMER_PROFILES.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    records++;
                    if (record.value() == null) {
                        sizes.remove(record.key());
                    } else {
                        if (record.value().length < 5 || record.value()[0] != 0) {
                            throw new IllegalStateException("profile " + record.key() + " is not in Confluent's wire format");
                        }
                        sizes.put(record.key(), record.value().length - 5);
                    }
                }
            }
        }
        int[] bytes = sizes.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long keyBytes = sizes.keySet().stream().mapToLong(k -> k.getBytes(StandardCharsets.UTF_8).length).sum();
        if (bytes.length == 0) {
            return new ProfileSizes(0, records, 0, 0, 0, 0, 0);
        }
        return new ProfileSizes(bytes.length, records, Arrays.stream(bytes).average().orElse(0),
                bytes[percentileIndex(bytes.length, 50)], bytes[percentileIndex(bytes.length, 99)], bytes[bytes.length - 1],
                keyBytes);
    }

    private static int percentileIndex(int n, double percentile) {
        return Math.min(n - 1, (int) Math.ceil(percentile / 100 * n) - 1);
    }

    /**
     * The profiles store's RocksDB directories (one per task) and the app's whole state directory ({@code app}: the
     * state directory of its application id), after a clean stop.
     */
    static DiskSize onDisk(Path app) throws IOException {
        long store = 0;
        long sst = 0;
        int tasks = 0;
        try (Stream<Path> taskDirs = Files.list(app)) {
            for (Path task : taskDirs.filter(Files::isDirectory).toList()) {
                Path profiles = task.resolve("rocksdb").resolve(UpdateProfile.STORE);
                if (Files.isDirectory(profiles)) {
                    tasks++;
                    try (Stream<Path> files = Files.walk(profiles)) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            long size = Files.size(file);
                            store += size;
                            if (file.getFileName().toString().endsWith(".sst")) {
                                sst += size;
                            }
                        }
                    }
                }
            }
        }
        long all;
        try (Stream<Path> files = Files.walk(app)) {
            all = files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
        return new DiskSize(store, sst, tasks, all);
    }
}
