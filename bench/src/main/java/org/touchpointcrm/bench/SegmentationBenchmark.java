package org.touchpointcrm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.bench.ProfileFootprint.DiskSize;
import org.touchpointcrm.bench.ProfileFootprint.ProfileSizes;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.localstack.FreePort;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationApplication;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.definitions.SegmentPreview;
import org.touchpointcrm.segmentation.topology.SegmentationTopology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The segmentation benchmark. On a real KRaft broker in this JVM and the schema registry next to
 * it (no ingest-service, no notifier), in one run:
 * <ol>
 *   <li><b>pre-load</b>: a plain {@link KafkaProducer} writes a year of contact history
 *       ({@link SegmentationWorkload#history}) to the four touchpoint topics, keyed as ingest keys it;</li>
 *   <li><b>pass-through</b>: a Kafka Streams app with segmentation-streams' settings (exactly once
 *       v2, commit interval, cache, stream threads, all read from {@code segmentation.yml}) copies those
 *       records as bytes to {@value #PASS_THROUGH_TOPIC}: the ceiling for any topology on this broker;</li>
 *   <li><b>segmentation</b>: the real segmentation-streams application (Spring context, built-in
 *       segments) reads the same records from the beginning. Both are timed from the moment their
 *       Kafka Streams is RUNNING until their consumer group has committed every input record (and,
 *       for segmentation, every record of its {@code by-customer} repartition topic);</li>
 *   <li><b>bytes per profile</b>: the newest value of every key of {@code crm.customer-profiles}
 *       (Avro without the 5-byte header), and the profiles store's RocksDB directories on disk after
 *       a clean stop, divided by the number of profiles; the app is then started again on its state;</li>
 *   <li><b>latency</b>: first purchases of brand-new customers at a steady rate; each one puts the
 *       customer into segments (one-time, new, consent-missing). The time from the instant a purchase was due to
 *       be sent to the instant its {@link SegmentChange} (matched by {@code triggeringEventId}) is read,
 *       {@code read_committed}, from {@code crm.segment-changes}. Measured from the due instant, not the
 *       send, so a producer that falls behind does not hide the delay (no coordinated omission).</li>
 * </ol>
 * Every loop is bounded by a count and a deadline; all traffic goes to 127.0.0.1; everything started
 * is stopped at the end. Its measurements beside the throughput and latency here: {@link ProfileFootprint} (bytes per
 * profile, on Kafka and on disk), {@link SegmentationReport} (the report and its aims), on the broker and registry
 * {@link BrokerAndRegistry} starts.
 */
public final class SegmentationBenchmark {

    /** The pass-through app's output: the benchmark's own topic, not part of the catalogue. */
    static final String PASS_THROUGH_TOPIC = "bench.pass-through";
    static final String PASS_THROUGH_APP_ID = "bench-pass-through";
    static final String SEGMENTATION_APP_ID = "bench-segmentation";
    /** The repartition topics segmentation-streams names explicitly ({@code Repartitioned.as("by-customer")}, ...). */
    static final String BY_CUSTOMER_REPARTITION = SEGMENTATION_APP_ID + "-by-customer-repartition";
    static final String BY_REFERENCE_REPARTITION = SEGMENTATION_APP_ID + "-by-reference-repartition";
    static final String INGEST_LINGER_MS = IngestBenchmark.INGEST_LINGER_MS;
    static final String BACKFILL_SEGMENT = "bench-backfill";
    /** About a third of the workload's customers match. */
    static final String BACKFILL_RULE = "profile.purchases.count >= 3 && 'WEB' in profile.contactsByChannel";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration POLL_EVERY = Duration.ofMillis(100);

    static final String USAGE = """
            usage: SegmentationBenchmark [--data DIR] [--events N] [--customers N] [--seed N] [--rate EVENTS_PER_SECOND]
                                         [--latency-seconds S] [--drain-seconds S] [--max-seconds S] [--stream-threads N]
                                         [--jfr FILE]
              defaults: --events 400000 --customers 5000 --seed 42 --rate 5000 --latency-seconds 60 --drain-seconds 30
                        --max-seconds 600 (each catch-up) --stream-threads (segmentation.yml's, 1 when unset)
                        --jfr (none: a file records a Flight Recorder profile of segmentation's catch-up)""";

    record Options(Path data, long events, int customers, long seed, int rate, Duration latency, Duration drain,
                   Duration maxCatchUp, Integer streamThreads, Path jfr) {

        private static final Set<String> FLAGS = Set.of("--data", "--events", "--customers", "--seed", "--rate",
                "--latency-seconds", "--drain-seconds", "--max-seconds", "--stream-threads", "--jfr");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            return new Options(Path.of(given.getOrDefault("--data", "bench/target/segmentation-bench-data")),
                    number(given, "--events", 400_000, 1), (int) number(given, "--customers", 5000, 1),
                    number(given, "--seed", 42, 0), (int) number(given, "--rate", 5000, 1),
                    Duration.ofSeconds(number(given, "--latency-seconds", 60, 1)),
                    Duration.ofSeconds(number(given, "--drain-seconds", 30, 1)),
                    Duration.ofSeconds(number(given, "--max-seconds", 600, 1)),
                    given.containsKey("--stream-threads") ? (int) number(given, "--stream-threads", 1, 1) : null,
                    given.containsKey("--jfr") ? Path.of(given.get("--jfr")) : null);
        }

        private static long number(Map<String, String> given, String flag, long fallback, long min) {
            return CommandLineFlags.number(given, flag, fallback, min, USAGE);
        }
    }

    /**
     * segmentation-streams' own Kafka Streams settings, read from its {@code segmentation.yml}; the
     * pass-through app runs with the same ones.
     */
    record StreamsSettings(long commitIntervalMs, long cacheMaxBytes, int streamThreads) {

        static StreamsSettings ofSegmentation(Integer threadsOverride) {
            var yaml = new YamlPropertiesFactoryBean();
            yaml.setResources(new ClassPathResource("segmentation.yml"));
            Properties app = yaml.getObject();
            String prefix = "spring.kafka.streams.properties.";
            long commit = Long.parseLong(app.getProperty(prefix + StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100"));
            long cache = Long.parseLong(app.getProperty(prefix + StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                    Long.toString(10 * 1024 * 1024)));
            int threads = threadsOverride != null ? threadsOverride
                    : Integer.parseInt(app.getProperty(prefix + StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1"));
            return new StreamsSettings(commit, cache, threads);
        }
    }

    /**
     * A new segment applied to every stored profile, against the baseline of reading every profile
     * once and evaluating the same rule (the preview).
     */
    record Backfill(long profiles, double previewSeconds, long previewMatching, double seconds, long measured,
                    long members, double jvmCpu, double machineCpu, boolean complete) {

        double profilesPerSecond() {
            return profiles / seconds;
        }
    }

    /** One timed catch-up: records from RUNNING to all committed. */
    record CatchUp(String phase, long events, double startSeconds, double seconds, double jvmCpu, double machineCpu,
                   boolean complete, String note) {

        double eventsPerSecond() {
            return seconds <= 0 ? 0 : events / seconds;
        }
    }

    record Latency(long due, long sent, long matched, double seconds, Histogram histogram, double jvmCpu,
                   double machineCpu, long sendErrors) {

        double millis(double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private final Options options;
    private final StreamsSettings settings;
    private final String bootstrapServers;
    private final CrmSerdes serdes;
    private final String registryUrl;
    private final SegmentationWorkload workload;
    private final int segmentationPort = FreePort.pick();

    private SegmentationBenchmark(Options options, String bootstrapServers, String registryUrl) {
        this.options = options;
        this.settings = StreamsSettings.ofSegmentation(options.streamThreads());
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.serdes = CrmSerdes.withRegistry(java.net.URI.create(registryUrl));
        this.workload = new SegmentationWorkload(new BenchmarkTouchpoints(options.customers(), options.seed()),
                options.seed(), options.events(), Instant.now());
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        BrokerAndRegistry.run(options.data(), (bootstrapServers, registryUrl) ->
                new SegmentationBenchmark(options, bootstrapServers, registryUrl).run(options.data().toAbsolutePath()));
    }

    /** Runs every phase; false if a phase did not complete. */
    private boolean run(Path data) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopics(admin);

            System.out.printf(Locale.ROOT, "%nPre-loading %,d touchpoints of %,d customers (a year of history)...%n",
                    options.events(), options.customers());
            double preloadSeconds = preload();
            System.out.printf(Locale.ROOT, "  written in %.1f s (%,.0f/s)%n", preloadSeconds, options.events() / preloadSeconds);

            System.out.printf(Locale.ROOT, "Pass-through (%d stream thread(s), exactly once v2, commit.interval.ms %d)...%n",
                    settings.streamThreads(), settings.commitIntervalMs());
            CatchUp passThrough = passThrough(admin, data);
            System.out.println("  " + SegmentationReport.line(passThrough, null));

            System.out.println("Segmentation (segmentation-streams, built-in segments), from the beginning...");
            var segmentation = new SegmentationApp(data);
            CatchUp segmented;
            ProfileSizes sizes;
            DiskSize disk;
            Latency latency;
            Backfill backfill;
            Map<String, String> actual;
            long deadLetters;
            try {
                segmented = segmentation.catchUp(admin);
                System.out.println("  " + SegmentationReport.line(segmented, passThrough));
                actual = segmentation.streamsSettings();

                deadLetters = endOffsets(admin, Topics.DLQ_SEGMENTATION.name());
                System.out.println("Reading crm.customer-profiles for bytes per profile...");
                sizes = ProfileFootprint.sizes(bootstrapServers, options.maxCatchUp());
                System.out.println("Stopping segmentation-streams cleanly for the store's size on disk, then starting it again...");
                segmentation.stop();
                disk = ProfileFootprint.onDisk(data.resolve("segmentation-state").resolve(SEGMENTATION_APP_ID));
                segmentation.start();
                segmentation.awaitRunning(Duration.ofSeconds(120));
                awaitCaughtUp(admin, SEGMENTATION_APP_ID, segmentationTopics(), Duration.ofSeconds(60));

                System.out.printf(Locale.ROOT, "Latency: %,d first purchases/s for %d s...%n", options.rate(),
                        options.latency().toSeconds());
                latency = latency();

                System.out.println("Back-fill: a new segment over every stored profile...");
                backfill = segmentation.backfill();
                System.out.printf(Locale.ROOT, "  %.2f s, %,.0f profiles/s (preview %.2f s)%n", backfill.seconds(),
                        backfill.profilesPerSecond(), backfill.previewSeconds());
            } finally {
                segmentation.stop();
            }
            String report = SegmentationReport.of(options, settings, preloadSeconds, passThrough, segmented, deadLetters, actual, sizes, disk, latency,
                    backfill);
            System.out.println();
            System.out.print(report);
            Path saved = options.data().toAbsolutePath().resolveSibling("segmentation-benchmark.txt");
            Files.writeString(saved, report);
            System.out.println("(also written to " + saved + ")");
            return passThrough.complete() && segmented.complete() && deadLetters == 0 && latency.matched() == latency.sent()
                    && backfill.complete();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Setup and pre-load

    private void createTopics(Admin admin) throws Exception {
        var topics = new ArrayList<NewTopic>();
        for (Topic<?, ?> topic : Topics.ALL) {
            topics.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
        }
        topics.add(new NewTopic(PASS_THROUGH_TOPIC, Topics.DEFAULT_PARTITIONS, (short) 1));
        admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        BrokerAndRegistry.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
    }

    private Map<String, Object> producerConfig(String clientId) {
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, INGEST_LINGER_MS);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    /** Writes the history, as fast as the producer takes it; returns the seconds it took. */
    private double preload() {
        var errors = new AtomicLong();
        var firstError = new AtomicReference<Exception>();
        long start = System.nanoTime();
        try (var producer = new KafkaProducer<String, SpecificRecord>(producerConfig("bench-preload"))) {
            for (long i = 0; i < options.events(); i++) {
                TouchpointEvent event = workload.history(i);
                producer.send(new ProducerRecord<>(Topics.touchpoints(event.getChannel()).name(),
                        CustomerReference.of(event.getCustomer()), event), (metadata, error) -> {
                    if (error != null && errors.incrementAndGet() == 1) {
                        firstError.set(error);
                    }
                });
            }
            producer.flush();
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(errors.get() + " pre-load records failed", firstError.get());
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---------------------------------------------------------------------------------------------
    // Throughput

    /** The ceiling: the same records, consumed and produced as bytes, with the app's Streams settings. */
    private CatchUp passThrough(Admin admin, Path data) throws Exception {
        var builder = new StreamsBuilder();
        builder.stream(touchpointTopicNames(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("read-touchpoints"))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("write-pass-through"));
        var config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, PASS_THROUGH_APP_ID);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitIntervalMs());
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheMaxBytes());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.streamThreads());
        config.put(StreamsConfig.STATE_DIR_CONFIG, data.resolve("pass-through-state").toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        var runningAt = new AtomicLong();
        try (var streams = new KafkaStreams(builder.build(), config)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    runningAt.compareAndSet(0, System.nanoTime());
                }
            });
            long start = System.nanoTime();
            streams.start();
            return timeCatchUp("pass-through", admin, PASS_THROUGH_APP_ID, touchpointTopicNames(), start, runningAt);
        }
    }

    /** Polls the group's committed offsets until they reach the topics' ends; times it from RUNNING. */
    private CatchUp timeCatchUp(String phase, Admin admin, String group, List<String> topics, long start,
                                AtomicLong runningAt) throws Exception {
        var meter = IngestBenchmark.CpuMeter.start();
        long deadline = start + options.maxCatchUp().toNanos();
        long lag = Long.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            lag = lag(admin, group, topics);
            if (lag == 0 && runningAt.get() != 0) {
                break;
            }
            LockSupport.parkNanos(POLL_EVERY.toNanos());
        }
        long end = System.nanoTime();
        double[] cpu = meter.stop();
        long running = runningAt.get() == 0 ? start : runningAt.get();
        boolean complete = lag == 0;
        return new CatchUp(phase, options.events(), (running - start) / 1e9, (end - running) / 1e9, cpu[0], cpu[1], complete,
                complete ? "" : String.format(Locale.ROOT, "still %,d records behind after %d s", lag, options.maxCatchUp().toSeconds()));
    }

    private void awaitCaughtUp(Admin admin, String group, List<String> topics, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline && lag(admin, group, topics) != 0) {
            LockSupport.parkNanos(POLL_EVERY.toNanos());
        }
    }

    /** Records written to a topic so far (its partitions' end offsets, summed). */
    private static long endOffsets(Admin admin, String topic) throws Exception {
        var ends = new HashMap<TopicPartition, OffsetSpec>();
        admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS).values().stream()
                .mapToLong(info -> info.offset()).sum();
    }

    private static List<String> touchpointTopicNames() {
        return Topics.ALL_TOUCHPOINTS.stream().map(Topic::name).toList();
    }

    /** Every topic a touchpoint's way to its profile passes: the inputs, the repartitions and the identity loops. */
    private static List<String> segmentationTopics() {
        var topics = new ArrayList<>(touchpointTopicNames());
        topics.addAll(List.of(BY_REFERENCE_REPARTITION, BY_CUSTOMER_REPARTITION, Topics.IDENTITY_LINK_REQUESTS.name(),
                Topics.PROFILE_HANDOFFS.name()));
        return topics;
    }

    /**
     * Records of {@code topics} the group has not committed yet. The touchpoint topics have no
     * transaction markers (the pre-load producer is not transactional), so there it must be exactly 0;
     * the app's own topics (repartitions, identity loops) are written in transactions, and a commit marker may stay behind the
     * committed offset: at most one per partition is not counted (a record not yet consumed comes with
     * its marker after it, so it always shows as 2 or more).
     */
    static long lag(Admin admin, String group, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        var ends = new HashMap<TopicPartition, OffsetSpec>();
        Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
        if (!existing.containsAll(topics)) {
            return Long.MAX_VALUE; // the app has not created its repartition topic yet
        }
        var described = admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        described.forEach((name, description) -> description.partitions()
                .forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        var latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
        long behind = 0;
        for (var entry : latest.entrySet()) {
            OffsetAndMetadata done = committed.get(entry.getKey());
            long records = entry.getValue().offset() - (done == null ? 0 : done.offset());
            boolean transactional = !touchpointTopicNames().contains(entry.getKey().topic());
            behind += transactional && records <= 1 ? 0 : Math.max(0, records);
        }
        return behind;
    }

    /** segmentation-streams as it runs in production: its Spring context, with this run's broker and registry. */
    private final class SegmentationApp {
        private final Path data;
        private final AtomicLong runningAt = new AtomicLong();
        private ConfigurableApplicationContext context;
        private long startedAt;

        SegmentationApp(Path data) {
            this.data = data;
        }

        void start() {
            runningAt.set(0);
            List<String> args = new ArrayList<>(List.of(
                    "--server.port=" + segmentationPort,
                    "--server.address=" + LOOPBACK,
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--crm.kafka.schema-registry-url=" + registryUrl,
                    "--crm.kafka.replication-factor=1",
                    "--spring.kafka.streams.application-id=" + SEGMENTATION_APP_ID,
                    "--spring.kafka.streams.state-dir=" + data.resolve("segmentation-state"),
                    "--spring.kafka.streams.properties.application.server=" + LOOPBACK + ":" + segmentationPort,
                    "--spring.main.banner-mode=off",
                    "--logging.include-application-name=false"));
            if (options.streamThreads() != null) {
                args.add("--spring.kafka.streams.properties.num.stream.threads=" + options.streamThreads());
            }
            StreamsBuilderFactoryBeanConfigurer timing = factoryBean -> factoryBean.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    runningAt.compareAndSet(0, System.nanoTime());
                }
            });
            SpringApplicationBuilder application = SegmentationApplication.application()
                    .initializers((ApplicationContextInitializer<ConfigurableApplicationContext>) context ->
                            context.getBeanFactory().registerSingleton("benchRunningTimer", timing))
                    .registerShutdownHook(false);
            startedAt = System.nanoTime();
            context = application.run(args.toArray(String[]::new));
        }

        CatchUp catchUp(Admin admin) throws Exception {
            start();
            if (options.jfr() == null) {
                return timeCatchUp("segmentation", admin, SEGMENTATION_APP_ID, segmentationTopics(), startedAt, runningAt);
            }
            try (var recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"))) {
                recording.start();
                CatchUp result = timeCatchUp("segmentation", admin, SEGMENTATION_APP_ID, segmentationTopics(), startedAt, runningAt);
                recording.stop();
                Files.createDirectories(options.jfr().toAbsolutePath().getParent());
                recording.dump(options.jfr());
                System.out.println("  (Flight Recorder profile of the catch-up in " + options.jfr().toAbsolutePath() + ")");
                return result;
            }
        }

        void awaitRunning(Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (runningAt.get() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(POLL_EVERY.toNanos());
            }
            if (runningAt.get() == 0) {
                throw new IllegalStateException("segmentation-streams not RUNNING within " + within);
            }
        }

        /**
         * Publishes a new active segment straight to crm.segment-definitions (what the REST API
         * writes) and times it until the back-fill has measured every stored profile; before that,
         * times the same rule's preview over the same profiles, the baseline. Afterwards a second
         * preview checks that exactly the matching customers became members.
         */
        Backfill backfill() throws Exception {
            var compiler = context.getBean(ProfileRuleCompiler.class);
            var preview = context.getBean(SegmentPreview.class);
            var meters = context.getBean(MeterRegistry.class);
            CompiledRule rule = compiler.compile(BACKFILL_RULE);
            long previewStart = System.nanoTime();
            SegmentPreview.Result matching = preview.local(rule);
            double previewSeconds = (System.nanoTime() - previewStart) / 1e9;
            long profiles = matching.profilesScanned();

            Counter measured = meters.get(SegmentationTopology.BACKFILL_METRIC).counter();
            double before = measured.count();
            Instant at = Instant.now();
            SegmentDefinition definition = SegmentDefinition.newBuilder().setId(BACKFILL_SEGMENT).setName("Bench back-fill")
                    .setDescription(null).setRule(BACKFILL_RULE).setOwner("bench").setVersion(1)
                    .setStatus(SegmentStatus.ACTIVE).setDependsOnTime(rule.dependsOnTime())
                    .setFieldsRead(rule.fieldsRead().stream().sorted().toList()).setCreatedAt(at).setChangedAt(at).build();
            var meter = IngestBenchmark.CpuMeter.start();
            long start = System.nanoTime();
            try (var producer = new KafkaProducer<String, SegmentDefinition>(producerConfig("bench-definitions"))) {
                producer.send(new ProducerRecord<>(Topics.SEGMENT_DEFINITIONS.name(), BACKFILL_SEGMENT, definition)).get();
            }
            long deadline = start + options.maxCatchUp().toNanos();
            while (measured.count() - before < profiles && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] cpu = meter.stop();
            long done = (long) (measured.count() - before);
            long members = preview.local(compiler.compile("\"" + BACKFILL_SEGMENT + "\" in profile.segments")).matching();
            return new Backfill(profiles, previewSeconds, matching.matching(), seconds, done, members, cpu[0], cpu[1],
                    done >= profiles && members == matching.matching());
        }

        /** The Streams settings the app really runs with, for the report. */
        Map<String, String> streamsSettings() {
            Properties config = context.getBean(StreamsBuilderFactoryBean.class).getStreamsConfiguration();
            var shown = new java.util.LinkedHashMap<String, String>();
            for (String name : List.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, StreamsConfig.NUM_STREAM_THREADS_CONFIG)) {
                Object value = config.get(name);
                shown.put(name, value == null ? "(default)" : value.toString());
            }
            var backfillSettings = context.getBean(SegmentationProperties.class).backfill();
            shown.put("backfill.slice-size", Integer.toString(backfillSettings.sliceSize()));
            shown.put("backfill.interval", backfillSettings.interval().toString());
            return shown;
        }

        void stop() {
            if (context != null) {
                context.close();
                context = null;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Latency

    /**
     * Sends first purchases at the steady rate from one thread (bounded by count and deadline) and
     * reads crm.segment-changes in another; each event's latency is from its due instant to the
     * instant its first change is read.
     */
    private Latency latency() throws Exception {
        long count = (long) options.rate() * options.latency().toSeconds();
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--rate times --latency-seconds is too large");
        }
        var due = new AtomicLongArray((int) count);
        var sentCount = new AtomicLong();
        var sendErrors = new AtomicLong();
        var sendingDone = new AtomicBoolean();
        var histogram = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        var matched = new AtomicLong();
        var consumerFailure = new ConcurrentLinkedQueue<Throwable>();

        Map<String, Object> consumerConfig = new HashMap<>(serdes.consumerConfig());
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-segment-changes");
        var consumer = new KafkaConsumer<String, SegmentChange>(consumerConfig);
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SEGMENT_CHANGES.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end now, before anything is sent

        String prefix = SegmentationWorkload.LATENCY_PHASE + "-";
        long period = TimeUnit.SECONDS.toNanos(1) / options.rate();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        long sendDeadline = start + options.latency().toNanos() + TimeUnit.SECONDS.toNanos(10);
        var reader = Thread.ofPlatform().name("bench-segment-changes").start(() -> {
            var seen = new java.util.BitSet((int) count);
            long readDeadline = sendDeadline + options.drain().toNanos();
            try (consumer) {
                while (System.nanoTime() < readDeadline) {
                    if (sendingDone.get() && matched.get() >= sentCount.get()) {
                        return;
                    }
                    for (ConsumerRecord<String, SegmentChange> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        String trigger = record.value() == null ? null : record.value().getTriggeringEventId();
                        if (trigger == null || !trigger.startsWith(prefix)) {
                            continue;
                        }
                        int index = Integer.parseInt(trigger.substring(prefix.length()));
                        if (index < count && !seen.get(index) && due.get(index) != 0) {
                            seen.set(index);
                            histogram.recordValue(Math.max(0, Math.min((now - due.get(index)) / 1000, histogram.getHighestTrackableValue())));
                            matched.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable t) {
                consumerFailure.add(t);
            }
        });

        var meter = IngestBenchmark.CpuMeter.start();
        try (var producer = new KafkaProducer<String, SpecificRecord>(producerConfig("bench-latency"))) {
            for (int i = 0; i < count; i++) {
                long at = start + i * period;
                long wait;
                while ((wait = at - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (System.nanoTime() > sendDeadline) {
                    break;
                }
                TouchpointEvent event = workload.firstPurchase(i, Instant.now());
                due.set(i, at);
                producer.send(new ProducerRecord<>(Topics.TOUCHPOINTS_POS.name(), CustomerReference.of(event.getCustomer()), event),
                        (metadata, error) -> {
                            if (error != null) {
                                sendErrors.incrementAndGet();
                            }
                        });
                sentCount.incrementAndGet();
            }
            producer.flush();
        } finally {
            sendingDone.set(true);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        reader.join(options.drain().toMillis() + TimeUnit.SECONDS.toMillis(30));
        double[] cpu = meter.stop();
        if (!consumerFailure.isEmpty()) {
            throw new IllegalStateException("reading crm.segment-changes failed", consumerFailure.peek());
        }
        return new Latency(count, sentCount.get(), matched.get(), seconds, histogram, cpu[0], cpu[1], sendErrors.get());
    }

}
