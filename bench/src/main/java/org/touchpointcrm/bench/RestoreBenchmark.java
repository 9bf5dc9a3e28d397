package org.touchpointcrm.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.localstack.FreePort;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationApplication;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.timeline.CustomerTimelines;
import org.touchpointcrm.segmentation.timeline.Timeline;
import org.touchpointcrm.segmentation.timeline.TimelineSettings;

/**
 * How long segmentation-streams takes to serve again after losing its state directory (exactly-once
 * wipes local state after a crash until KIP-892), and what the customer timeline costs per customer.
 * On a real KRaft broker in this JVM and the registry next to it:
 * <ol>
 *   <li>segmentation-streams starts once, so its internal topics exist, and stops;</li>
 *   <li>N realistic profiles (each from a purchase, a web visit and an opened e-mail, through the
 *       application's own {@link ProfileUpdater}) are written to the profiles store's changelog;</li>
 *   <li><b>baseline</b>: a plain consumer reads that changelog from start to end;</li>
 *   <li>segmentation-streams starts with an <b>empty state directory</b>: timed from the start to
 *       RUNNING, to the end of the profiles store's restore (a restore listener counts its records),
 *       and to serving: a sample of customers from every partition answering 200 on
 *       {@code GET /v1/customers/{id}/profile}.</li>
 * </ol>
 * It checks its own output: every profile written is restored, and every sampled customer answers
 * with its own profile. Timeline bytes: the serialized store value of one customer at 10, 20, 50 and
 * 100 kept contacts of a realistic mix, with the store's own serde.
 */
public final class RestoreBenchmark {

    static final String APP_ID = "bench-restore";
    static final String PROFILES_CHANGELOG = APP_ID + "-" + UpdateProfile.STORE + "-changelog";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String KEY = "bench-restore-key";
    private static final int SAMPLE = 240;
    private static final Instant NOW = Instant.now();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static final String USAGE = """
            usage: RestoreBenchmark [--data DIR] [--profiles N] [--max-seconds S]
              defaults: --profiles 1000000 --max-seconds 900 (how long the restore may take before the run fails)""";

    record Options(Path data, long profiles, Duration max) {

        private static final Set<String> FLAGS = Set.of("--data", "--profiles", "--max-seconds");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            return new Options(Path.of(given.getOrDefault("--data", "bench/target/restore-bench-data")),
                    CommandLineFlags.number(given, "--profiles", 1_000_000, SAMPLE, USAGE),
                    Duration.ofSeconds(CommandLineFlags.number(given, "--max-seconds", 900, 1, USAGE)));
        }
    }

    private final Options options;
    private final String bootstrapServers;
    private final CrmSerdes serdes;
    private final String registryUrl;
    private final int port = FreePort.pick();

    private RestoreBenchmark(Options options, String bootstrapServers, String registryUrl) {
        this.options = options;
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.serdes = CrmSerdes.withRegistry(URI.create(registryUrl));
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        BrokerAndRegistry.run(options.data(), (bootstrapServers, registryUrl) ->
                new RestoreBenchmark(options, bootstrapServers, registryUrl).run(options.data().toAbsolutePath()));
    }

    private boolean run(Path data) throws Exception {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            var topics = new ArrayList<NewTopic>();
            for (Topic<?, ?> topic : Topics.ALL) {
                topics.add(new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()));
            }
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
            BrokerAndRegistry.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList(), Duration.ofSeconds(60));
        }
        System.out.println("Starting segmentation-streams once, for its internal topics...");
        new App(data.resolve("state-first")).startAndAwaitRunning().close();

        String timelines = timelineBytes();
        System.out.print(timelines);

        System.out.printf(Locale.ROOT, "Writing %,d profiles to %s...%n", options.profiles(), PROFILES_CHANGELOG);
        long started = System.nanoTime();
        long bytes = writeProfiles();
        double writeSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "  %.1f s, %,d bytes (%.0f B per profile)%n", writeSeconds, bytes,
                (double) bytes / options.profiles());

        System.out.println("Baseline: a plain consumer reads the changelog...");
        started = System.nanoTime();
        long read = readChangelog();
        double baselineSeconds = seconds(started);
        System.out.printf(Locale.ROOT, "  %,d records in %.1f s%n", read, baselineSeconds);

        System.out.println("segmentation-streams with an empty state directory...");
        var app = new App(data.resolve("state-second"));
        started = System.nanoTime();
        app.start();
        List<String> sample = sample();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        long deadline = started + options.max().toNanos();
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (answered.size() < sample.size() && System.nanoTime() < deadline) {
                for (String customerId : sample) {
                    if (!answered.contains(customerId) && ownProfile(http, customerId)) {
                        answered.add(customerId);
                    }
                }
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        double servingSeconds = seconds(started);
        double runningSeconds = app.runningAt.get() == 0 ? Double.NaN : (app.runningAt.get() - started) / 1e9;
        double restoredSeconds = app.restoredAt.get() == 0 ? Double.NaN : (app.restoredAt.get() - started) / 1e9;
        long restored = app.restored.get();
        app.close();

        boolean complete = answered.size() == sample.size() && restored == options.profiles() && read == options.profiles();
        String report = String.format(Locale.ROOT, """
                Restore of the profiles store, %s
                  profiles                 %,d in %s (%,d bytes, %.0f B per profile)
                  baseline                 plain consumer reads the changelog: %,d records in %.1f s (%,.0f/s)
                  empty state directory    RUNNING after %.1f s; profiles store restored after %.1f s (%,d records,
                                           %,.0f/s, %.1f× the baseline's time); all %d sampled customers answered
                                           after %.1f s
                  check                    restored %s written; sampled answers %d of %d%s
                  stream threads           segmentation.yml's; standbys 0 (the case without a warm copy)
                %s""", STAMP.format(Instant.now()), options.profiles(), PROFILES_CHANGELOG, bytes,
                (double) bytes / options.profiles(), read, baselineSeconds, read / baselineSeconds, runningSeconds,
                restoredSeconds, restored, restored / restoredSeconds, restoredSeconds / baselineSeconds, sample.size(),
                servingSeconds, restored == options.profiles() ? "==" : "!=", answered.size(), sample.size(),
                complete ? "" : "  INCOMPLETE", timelines);
        System.out.println();
        System.out.print(report);
        Path saved = options.data().toAbsolutePath().resolveSibling("restore-benchmark.txt");
        Files.writeString(saved, report);
        System.out.println("(also written to " + saved + ")");
        return complete;
    }

    /** Customer ids of the run: {@code r-<n>}. */
    private static String customerId(long n) {
        return "r-" + n;
    }

    /** Every n-th customer, so that every partition is in the sample. */
    private List<String> sample() {
        List<String> sample = new ArrayList<>(SAMPLE);
        for (long n = 0; n < options.profiles() && sample.size() < SAMPLE; n += options.profiles() / SAMPLE) {
            sample.add(customerId(n));
        }
        return sample;
    }

    private long writeProfiles() throws Exception {
        var updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));
        Serializer<CustomerProfile> profiles = serdes.value(Topics.CUSTOMER_PROFILES).serializer();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long bytes = 0;
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (long n = 0; n < options.profiles(); n++) {
                String id = customerId(n);
                CustomerProfile profile = null;
                for (TouchpointEvent event : history(id, n)) {
                    profile = updater.change(profile, id, event, NOW).profile();
                }
                byte[] value = profiles.serialize(Topics.CUSTOMER_PROFILES.name(), profile);
                bytes += value.length;
                producer.send(new ProducerRecord<>(PROFILES_CHANGELOG, id, value));
            }
            producer.flush();
        }
        return bytes;
    }

    private static List<TouchpointEvent> history(String customerId, long n) {
        Instant at = NOW.minus(Duration.ofDays(n % 300));
        return List.of(
                event(customerId, Channel.POS, TouchpointType.PURCHASE, at.minus(Duration.ofDays(30)))
                        .setAmount(new BigDecimal(10 + n % 90 + ".50")).setCurrency("EUR").setStoreId("store-" + n % 40).build(),
                event(customerId, Channel.WEB, TouchpointType.WEB_VISIT, at.minus(Duration.ofDays(2))).build(),
                event(customerId, Channel.EMAIL, TouchpointType.MESSAGE_OPENED, at)
                        .setAttributes(Map.of(CustomerTimelines.CAMPAIGN_ATTRIBUTE, "welcome")).build());
    }

    private static TouchpointEvent.Builder event(String customerId, Channel channel, TouchpointType type, Instant at) {
        return TouchpointEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setReceivedAt(at)
                .setChannel(channel).setType(type).setSource("bench").setAttributes(Map.of())
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(customerId)
                        .setEmail(customerId + "@example.fi").build());
    }

    private long readChangelog() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(PROFILES_CHANGELOG).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long records = 0;
            long deadline = System.nanoTime() + options.max().toNanos();
            while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                records += consumer.poll(Duration.ofMillis(200)).count();
            }
            return records;
        }
    }

    private boolean ownProfile(HttpClient http, String customerId) {
        try {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + port
                            + "/v1/customers/" + customerId + "/profile")).header("Authorization", "Bearer " + KEY)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"customerId\":\"" + customerId + "\"");
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A customer's timeline at 10, 20, 50 and 100 kept contacts, serialized as its store writes it. */
    private String timelineBytes() {
        var timelines = new CustomerTimelines(new TimelineSettings(TimelineSettings.MOST_ENTRIES,
                TimelineSettings.DEFAULTS.maxAge(), TimelineSettings.DEFAULTS.maxTextChars()));
        Serializer<CustomerTimeline> serializer = serdes.avro(CustomerTimeline.class).serializer();
        String topic = APP_ID + "-" + Timeline.STORE + "-changelog";
        StringBuilder report = new StringBuilder("Customer timeline (store value, Avro with the 5-byte registry header;"
                + " contacts: purchases, campaign outcomes, feedback with 120 characters of text, web visits):\n");
        CustomerTimeline timeline = null;
        for (int n = 1; n <= 100; n++) {
            Instant at = NOW.minus(Duration.ofHours(n * 13L));
            TouchpointEvent.Builder contact = switch (n % 4) {
                case 0 -> event("r-1", Channel.POS, TouchpointType.PURCHASE, at).setAmount(new BigDecimal("42.90"))
                        .setCurrency("EUR").setStoreId("helsinki-kamppi");
                case 1 -> event("r-1", Channel.EMAIL, TouchpointType.MESSAGE_DELIVERED, at)
                        .setAttributes(Map.of(CustomerTimelines.CAMPAIGN_ATTRIBUTE, "win-back-lapsing"));
                case 2 -> event("r-1", Channel.WEB, TouchpointType.FEEDBACK, at).setRating(4)
                        .setText("Quick service at the till, but the shelf of organic milk was empty again this week. ".repeat(2)
                                .substring(0, 120));
                default -> event("r-1", Channel.WEB, TouchpointType.WEB_VISIT, at);
            };
            timeline = timelines.add(timeline, contact.build(), NOW);
            if (n == 10 || n == 20 || n == 50 || n == 100) {
                int bytes = serializer.serialize(topic, timeline).length;
                report.append(String.format(Locale.ROOT, "  %3d contacts   %,6d B   (%.0f B per contact)%n", n, bytes,
                        (double) bytes / n));
            }
        }
        return report.toString();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** segmentation-streams as it runs in production, with this run's broker, registry and a key for the profile query. */
    private final class App implements AutoCloseable {
        private final Path stateDir;
        final AtomicLong runningAt = new AtomicLong();
        final AtomicLong restoredAt = new AtomicLong();
        final AtomicLong restored = new AtomicLong();
        private ConfigurableApplicationContext context;

        App(Path stateDir) {
            this.stateDir = stateDir;
        }

        App startAndAwaitRunning() {
            start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (runningAt.get() == 0 && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            return this;
        }

        void start() {
            List<String> args = List.of(
                    "--server.port=" + port,
                    "--server.address=" + LOOPBACK,
                    "--management.server.port=" + FreePort.pick(),
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--crm.kafka.schema-registry-url=" + registryUrl,
                    "--crm.kafka.replication-factor=1",
                    "--spring.kafka.streams.application-id=" + APP_ID,
                    "--spring.kafka.streams.state-dir=" + stateDir,
                    "--spring.kafka.streams.properties.application.server=" + LOOPBACK + ":" + port,
                    "--crm.segmentation.access.keys[0].name=bench",
                    "--crm.segmentation.access.keys[0].sha256=" + ApiKeys.sha256Hex(KEY),
                    "--crm.segmentation.access.keys[0].operations=" + Operation.PROFILES_READ,
                    "--spring.main.banner-mode=off",
                    "--logging.include-application-name=false");
            StreamsBuilderFactoryBeanConfigurer timing = factoryBean -> {
                factoryBean.setStateListener((now, before) -> {
                    if (now == KafkaStreams.State.RUNNING) {
                        runningAt.compareAndSet(0, System.nanoTime());
                    }
                });
                factoryBean.setStateRestoreListener(new StateRestoreListener() {
                    @Override
                    public void onRestoreStart(TopicPartition partition, String store, long start, long end) {
                    }

                    @Override
                    public void onBatchRestored(TopicPartition partition, String store, long batchEnd, long records) {
                        if (UpdateProfile.STORE.equals(store)) {
                            restored.addAndGet(records);
                        }
                    }

                    @Override
                    public void onRestoreEnd(TopicPartition partition, String store, long total) {
                        if (UpdateProfile.STORE.equals(store) && restored.get() == options.profiles()) {
                            restoredAt.compareAndSet(0, System.nanoTime());
                        }
                    }
                });
            };
            SpringApplicationBuilder application = SegmentationApplication.application()
                    .initializers((ApplicationContextInitializer<ConfigurableApplicationContext>) context ->
                            context.getBeanFactory().registerSingleton("benchRestoreTimer", timing))
                    .registerShutdownHook(false);
            context = application.run(args.toArray(String[]::new));
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
            }
        }
    }
}
