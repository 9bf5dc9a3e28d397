package org.touchpointcrm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.localstack.EmbeddedRegistry;
import org.touchpointcrm.localstack.LocalStack;
import org.touchpointcrm.localstack.LocalStackOptions;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.CustomerReference;
import org.touchpointcrm.schemas.Topics;

/**
 * The ingest benchmark. Starts the local stack (real KRaft broker, schema registry, the three
 * services; no simulated traffic), warms up, and then, in the same run and against the same broker,
 * measures:
 * <ol>
 *   <li><b>raw</b>: a plain {@link KafkaProducer} with ingest-service's producer settings
 *       ({@code acks=all}, idempotence, {@code linger.ms=5}, the {@link CrmSerdes} Avro serializer
 *       and registry) writing the same {@link TouchpointEvent} records to the same topics with the
 *       same keys, as fast as it can: the ceiling for ingest;</li>
 *   <li><b>single</b>: N client threads POSTing {@code /v1/touchpoints}, one event per request;</li>
 *   <li><b>batched</b>: the same threads POSTing {@code /v1/touchpoints:batch} with 500 events per
 *       request, alternately as a JSON array and as NDJSON.</li>
 * </ol>
 * It prints events/s, latency percentiles (HdrHistogram) and the ratios to the raw producer.
 * Between phases it waits until the Streams apps have consumed what was written, so that each
 * phase starts from an idle pipeline. Every loop is bounded by a count and a deadline; all traffic
 * goes to 127.0.0.1; the stack is stopped at the end.
 *
 * <p>It lives in the local stack's package (as a split package on a plain classpath) because
 * {@link LocalStackOptions} is package-private.
 *
 * <p>ingest-service limits each API key to {@code crm.ingest.access.default-rate-limit} events per
 * second (2000 by default) and the local stack's demo key has no rate of its own: the benchmark
 * raises the default to {@value #BENCH_RATE_LIMIT} through a system property, which Spring reads,
 * unless one is given on the command line.
 */
public final class IngestBenchmark {

    static final String RATE_LIMIT_PROPERTY = "crm.ingest.access.default-rate-limit";
    static final String REQUEST_LIMIT_PROPERTY = "crm.access.request-limits.per-key";
    static final String BENCH_RATE_LIMIT = "1000000";
    /** ingest-service's own producer setting (ingest.yml); the raw producer uses the same. */
    static final String INGEST_LINGER_MS = "5";

    static final String USAGE = """
            usage: IngestBenchmark [--data DIR] [--threads N] [--single EVENTS] [--batched EVENTS] [--raw EVENTS]
                                   [--batch-size N] [--customers N] [--seed N] [--warmup-single EVENTS]
                                   [--warmup-batched EVENTS] [--max-seconds S] [--settle-seconds S]
              defaults: --threads 8 --single 50000 --batched 200000 --raw (same as --batched) --batch-size 500
                        --customers 3000 --seed 42 --warmup-single 10000 --warmup-batched 50000 (also the raw warm-up)
                        --max-seconds 120 (per phase) --settle-seconds 180 (wait for the Streams apps between phases)""";

    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    record Options(Path data, int threads, long single, long batched, long raw, int batchSize, int customers, long seed,
                   long warmupSingle, long warmupBatched, Duration maxPerPhase, Duration settle) {

        private static final Set<String> FLAGS = Set.of("--data", "--threads", "--single", "--batched", "--raw",
                "--batch-size", "--customers", "--seed", "--warmup-single", "--warmup-batched", "--max-seconds",
                "--settle-seconds");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            long batched = number(given, "--batched", 200_000, 1);
            int batchSize = (int) number(given, "--batch-size", 500, 1);
            if (batchSize > 500) {
                throw new IllegalArgumentException("--batch-size is at most 500, ingest-service's limit\n" + USAGE);
            }
            return new Options(Path.of(given.getOrDefault("--data", "bench/target/bench-data")),
                    (int) number(given, "--threads", 8, 1), number(given, "--single", 50_000, 1), batched,
                    number(given, "--raw", batched, 1), batchSize, (int) number(given, "--customers", 3000, 1),
                    number(given, "--seed", 42, 0), number(given, "--warmup-single", 10_000, 0),
                    number(given, "--warmup-batched", 50_000, 0),
                    Duration.ofSeconds(number(given, "--max-seconds", 120, 1)),
                    Duration.ofSeconds(number(given, "--settle-seconds", 180, 0)));
        }

        private static long number(Map<String, String> given, String flag, long fallback, long min) {
            return CommandLineFlags.number(given, flag, fallback, min, USAGE);
        }
    }

    /** What one phase measured. Latencies in microseconds. */
    record Result(String phase, long events, long requests, long errors, double seconds, Histogram latency,
                  double jvmCpu, double machineCpu, List<String> errorSamples) {

        double eventsPerSecond() {
            return seconds == 0 ? 0 : events / seconds;
        }

        double millis(double percentile) {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
        }
    }

    private final Options options;
    private final LocalStack stack;
    private final BenchmarkTouchpoints touchpoints;
    private final HttpClient http;
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final URI single;
    private final URI batch;

    private IngestBenchmark(Options options, LocalStack stack) {
        this.options = options;
        this.stack = stack;
        this.touchpoints = new BenchmarkTouchpoints(options.customers(), options.seed());
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.single = stack.ingestUrl().resolve("/v1/touchpoints");
        this.batch = stack.ingestUrl().resolve("/v1/touchpoints:batch");
        if (!"127.0.0.1".equals(single.getHost())) {
            throw new IllegalStateException("the benchmark drives 127.0.0.1 only, not " + single);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        raiseRateLimit();
        Path registryHome = registryHome();
        Instant begun = Instant.now();
        System.out.printf("Starting the local stack (data in %s, registry from %s)...%n",
                options.data().toAbsolutePath(), registryHome);
        LocalStack stack = LocalStack.start(LocalStackOptions.forTests(options.data(), registryHome));
        var closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                System.out.println("Stopping the local stack...");
                stack.close();
            }
        };
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("bench-stop").unstarted(stop));
        boolean clean;
        try {
            System.out.printf(Locale.ROOT, "Local stack up in %.1f s: ingest %s, Kafka %s, registry %s%n",
                    Duration.between(begun, Instant.now()).toMillis() / 1000.0, stack.ingestUrl(), stack.bootstrapServers(),
                    stack.registryUrl());
            clean = new IngestBenchmark(options, stack).run();
        } finally {
            stop.run();
        }
        System.exit(clean ? 0 : 1);
    }

    /**
     * ingest's per-key event rate and every service's per-key request rate ({@value #REQUEST_LIMIT_PROPERTY})
     * raised to {@value #BENCH_RATE_LIMIT}/s before the stack starts, unless given with -D: the benchmark
     * measures the pipeline, not the limits.
     */
    static void raiseRateLimit() {
        for (String property : List.of(RATE_LIMIT_PROPERTY, REQUEST_LIMIT_PROPERTY)) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, BENCH_RATE_LIMIT);
            }
        }
    }

    /** Absolute: the registry process runs in its home directory, where a relative path would not resolve. */
    static Path registryHome() {
        String given = System.getProperty(EmbeddedRegistry.HOME_PROPERTY);
        if (given != null) {
            return Path.of(given).toAbsolutePath().normalize();
        }
        for (String candidate : List.of("local-stack/target/apicurio-registry", "../local-stack/target/apicurio-registry")) {
            if (Files.isDirectory(Path.of(candidate))) {
                return Path.of(candidate).toAbsolutePath().normalize();
            }
        }
        return Path.of("local-stack/target/apicurio-registry").toAbsolutePath().normalize();
    }

    /** Runs every phase; false if any request or record failed. */
    private boolean run() throws Exception {
        Map<String, Object> producerConfig = new HashMap<>(CrmSerdes.withRegistry(stack.registryUrl()).producerConfig());
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, INGEST_LINGER_MS);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer");

        var results = new ArrayList<Result>();
        try (var producer = new KafkaProducer<String, SpecificRecord>(producerConfig);
             var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            System.out.println(String.format(Locale.ROOT, "%nWarming up (%,d raw, %,d single, %,d batched events; not counted)...",
                    options.warmupBatched(), options.warmupSingle(), options.warmupBatched()));
            for (Result warmup : List.of(
                    raw(producer, "warmup-raw", options.warmupBatched()),
                    single("warmup-single", options.warmupSingle()),
                    batched("warmup-batched", options.warmupBatched()))) {
                System.out.println("  " + line(warmup, null));
            }
            System.out.println(String.format(Locale.ROOT, "Measuring (%,d raw, %,d single, %,d batched events)...",
                    options.raw(), options.single(), options.batched()));
            settle(admin);
            results.add(raw(producer, "raw", options.raw()));
            System.out.println("  " + line(results.getLast(), null));
            settle(admin);
            results.add(single("single", options.single()));
            System.out.println("  " + line(results.getLast(), null));
            settle(admin);
            results.add(batched("batched", options.batched()));
            System.out.println("  " + line(results.getLast(), null));
        } finally {
            clients.shutdownNow();
            http.close();
        }
        String report = report(results);
        System.out.println();
        System.out.print(report);
        Path saved = options.data().toAbsolutePath().resolveSibling("ingest-benchmark.txt");
        Files.writeString(saved, report);
        System.out.println("(also written to " + saved + ")");
        return results.stream().allMatch(r -> r.errors() == 0);
    }

    // ---------------------------------------------------------------------------------------------
    // The phases

    /** The ceiling: the same records, keys and topics, straight into a producer as fast as it takes them. */
    private Result raw(KafkaProducer<String, SpecificRecord> producer, String phase, long events) {
        var latency = new Recorder(3);
        var acknowledged = new AtomicLong();
        var errors = new AtomicLong();
        var samples = new ConcurrentLinkedQueue<String>();
        var meter = CpuMeter.start();
        long start = System.nanoTime();
        long deadline = start + options.maxPerPhase().toNanos();
        long sent = 0;
        for (long i = 0; i < events && System.nanoTime() < deadline; i++) {
            TouchpointEvent event = touchpoints.touchpoint(phase, i, Instant.now()).event();
            event.setReceivedAt(Instant.now()); // as ingest-service stamps it
            String topic = Topics.touchpoints(event.getChannel()).name();
            long sentAt = System.nanoTime();
            producer.send(new ProducerRecord<>(topic, CustomerReference.of(event.getCustomer()), event), (metadata, error) -> {
                if (error == null) {
                    latency.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
                    acknowledged.incrementAndGet();
                } else {
                    errors.incrementAndGet();
                    if (samples.size() < 5) {
                        samples.add(error.toString());
                    }
                }
            });
            sent++;
        }
        producer.flush();
        double seconds = (System.nanoTime() - start) / 1e9;
        var cpu = meter.stop();
        return new Result(phase, acknowledged.get(), sent, errors.get(), seconds, latency.getIntervalHistogram(),
                cpu[0], cpu[1], List.copyOf(samples));
    }

    /** Client threads, each POSTing one event per request and waiting for the answer. */
    private Result single(String phase, long events) throws InterruptedException {
        return drive(phase, events, 1, (first, count) -> {
            String body = touchpoints.touchpoint(phase, first, Instant.now()).json();
            var request = HttpRequest.newBuilder(single).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IOException("HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            return 1;
        });
    }

    /** Client threads, each POSTing full batches, alternately a JSON array and NDJSON. */
    private Result batched(String phase, long events) throws InterruptedException {
        return drive(phase, events, options.batchSize(), (first, count) -> {
            boolean ndjson = (first / options.batchSize()) % 2 == 1;
            var body = new StringBuilder(count * 400).append(ndjson ? "" : "[");
            Instant now = Instant.now();
            for (int k = 0; k < count; k++) {
                if (k > 0) {
                    body.append(ndjson ? "\n" : ",");
                }
                body.append(touchpoints.touchpoint(phase, first + k, now).json());
            }
            body.append(ndjson ? "\n" : "]");
            var request = HttpRequest.newBuilder(batch).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", ndjson ? "application/x-ndjson" : "application/json")
                    .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher accepted = ACCEPTED.matcher(response.body());
            if (response.statusCode() != 202 || !accepted.find()) {
                throw new IOException("HTTP " + response.statusCode() + ": " + abbreviate(response.body()));
            }
            int n = Integer.parseInt(accepted.group(1));
            if (n != count) {
                throw new IOException("only " + n + " of " + count + " accepted: " + abbreviate(response.body()));
            }
            return n;
        });
    }

    @FunctionalInterface
    private interface Call {
        /** Sends events {@code first .. first+count-1} in one request; returns how many were stored. */
        int send(long first, int count) throws Exception;
    }

    /** Closed loop: {@code threads} clients, each sending its next request once the last one is answered. */
    private Result drive(String phase, long events, int perRequest, Call call) throws InterruptedException {
        var next = new AtomicLong();
        var stored = new AtomicLong();
        var requests = new AtomicLong();
        var errors = new AtomicLong();
        var samples = new ConcurrentLinkedQueue<String>();
        var latency = new Recorder(3);
        var meter = CpuMeter.start();
        long start = System.nanoTime();
        long deadline = start + options.maxPerPhase().toNanos();
        var workers = new ArrayList<java.util.concurrent.Future<?>>();
        for (int t = 0; t < options.threads(); t++) {
            workers.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long first = next.getAndAdd(perRequest);
                    if (first >= events) {
                        return;
                    }
                    int count = (int) Math.min(perRequest, events - first);
                    long begun = System.nanoTime();
                    try {
                        int n = call.send(first, count);
                        latency.recordValue((System.nanoTime() - begun) / 1000);
                        stored.addAndGet(n);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        if (samples.size() < 5) {
                            samples.add(e.toString());
                        }
                    }
                    requests.incrementAndGet();
                }
            }));
        }
        for (var worker : workers) {
            try {
                worker.get(options.maxPerPhase().toSeconds() + 60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                errors.incrementAndGet();
                samples.add("client thread: " + e);
                worker.cancel(true);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var cpu = meter.stop();
        return new Result(phase, stored.get(), requests.get(), errors.get(), seconds, latency.getIntervalHistogram(),
                cpu[0], cpu[1], List.copyOf(samples));
    }

    // ---------------------------------------------------------------------------------------------
    // Between phases

    /**
     * Waits until every consumer group (the Streams apps) has caught up with what was written, so
     * that the next phase does not pay for the last one's backlog. Bounded by --settle-seconds.
     */
    private void settle(Admin admin) throws Exception {
        if (options.settle().isZero()) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + options.settle().toNanos();
        int settledPolls = 0;
        long lag = -1;
        while (System.nanoTime() < deadline) {
            lag = lag(admin);
            settledPolls = lag == 0 ? settledPolls + 1 : 0;
            if (settledPolls >= 2) {
                System.out.println(String.format(Locale.ROOT, "  (pipeline idle after %.1f s)", (System.nanoTime() - start) / 1e9));
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        System.out.println(String.format(Locale.ROOT, "  (pipeline still %,d records behind after %d s, by group %s; going on)",
                lag, options.settle().toSeconds(), lagByGroup(admin)));
    }

    /** Records not yet consumed by any consumer group, not counting one transaction marker per partition. */
    private static long lag(Admin admin) throws Exception {
        return lagByGroup(admin).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        var groups = new ArrayList<String>();
        for (GroupListing group : admin.listGroups().all().get(10, TimeUnit.SECONDS)) {
            groups.add(group.groupId());
        }
        var ends = new HashMap<TopicPartition, OffsetSpec>();
        var perGroup = new LinkedHashMap<String, Map<TopicPartition, OffsetAndMetadata>>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            perGroup.put(group, offsets);
            offsets.keySet().forEach(tp -> ends.put(tp, OffsetSpec.latest()));
        }
        var lag = new LinkedHashMap<String, Long>();
        if (ends.isEmpty()) {
            return lag;
        }
        var latest = admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
        perGroup.forEach((group, offsets) -> {
            long behind = 0;
            for (var entry : offsets.entrySet()) {
                if (entry.getValue() != null) {
                    long records = latest.get(entry.getKey()).offset() - entry.getValue().offset();
                    // A transaction marker may stay behind a committed offset: at most one per partition.
                    behind += records > 1 ? records : 0;
                }
            }
            lag.put(group, behind);
        });
        return lag;
    }

    // ---------------------------------------------------------------------------------------------
    // The report

    private String report(List<Result> results) {
        Result raw = results.stream().filter(r -> r.phase().equals("raw")).findFirst().orElseThrow();
        Result single = results.stream().filter(r -> r.phase().equals("single")).findFirst().orElseThrow();
        Result batched = results.stream().filter(r -> r.phase().equals("batched")).findFirst().orElseThrow();
        var os = ManagementFactory.getOperatingSystemMXBean();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, """
                Touchpoint CRM ingest benchmark, %s
                  machine   %d cores (%s %s, %s), JDK %s (%s), max heap %d MiB
                  load      %d client threads (virtual), batches of %d (JSON array and NDJSON by turns), %,d customers, seed %d
                  one JVM   broker, the three services and the load generator; the registry in its own process

                """, STAMP.format(Instant.now()), Runtime.getRuntime().availableProcessors(), os.getName(),
                os.getVersion(), os.getArch(), Runtime.version(), System.getProperty("java.vm.name"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024), options.threads(), options.batchSize(),
                options.customers(), options.seed()));
        out.append(header()).append('\n');
        for (Result r : results) {
            out.append(line(r, raw)).append('\n');
        }
        out.append(String.format(Locale.ROOT, """
                (latency: raw = send to ack of each record with the producer saturated; single, batched = per HTTP request.
                 cpu: share of all cores used by this JVM, and by the whole machine, during the phase)

                batched / raw   %5.1f %%   (aim >= 40 %%: %s)
                single  / raw   %5.1f %%
                single          %,.0f events/s (aim >= 5,000: %s), p99 %.1f ms (aim < 50 ms: %s)
                """,
                100 * batched.eventsPerSecond() / raw.eventsPerSecond(),
                batched.eventsPerSecond() >= 0.4 * raw.eventsPerSecond() ? "met" : "NOT met",
                100 * single.eventsPerSecond() / raw.eventsPerSecond(),
                single.eventsPerSecond(), single.eventsPerSecond() >= 5000 ? "met" : "NOT met",
                single.millis(99), single.millis(99) < 50 ? "met" : "NOT met"));
        for (Result r : results) {
            if (!r.errorSamples().isEmpty()) {
                out.append(r.phase()).append(": ").append(r.errors()).append(" failed, e.g. ").append(r.errorSamples()).append('\n');
            }
        }
        return out.toString();
    }

    private static String header() {
        return String.format(Locale.ROOT, "%-15s %9s %9s %6s %8s %10s %9s %9s %9s %8s %8s %8s",
                "phase", "events", "requests", "errors", "seconds", "events/s", "p50 ms", "p99 ms", "max ms",
                "JVM cpu", "all cpu", "vs raw");
    }

    private static String line(Result r, Result raw) {
        return String.format(Locale.ROOT, "%-15s %,9d %,9d %6d %8.2f %,10.0f %9.2f %9.2f %9.1f %7.0f%% %7.0f%% %8s",
                r.phase(), r.events(), r.requests(), r.errors(), r.seconds(), r.eventsPerSecond(), r.millis(50), r.millis(99),
                r.maxMillis(), 100 * r.jvmCpu(), 100 * r.machineCpu(),
                raw == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * r.eventsPerSecond() / raw.eventsPerSecond()));
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }

    /**
     * CPU used during a phase, as a share of all cores: by this JVM (broker, services, load
     * generator) and by the whole machine (also the registry and anything else running). The
     * segmentation benchmark uses it too.
     */
    record CpuMeter(long jvmNanos, long wallNanos, long[] machine) {

        static CpuMeter start() {
            return new CpuMeter(jvmCpuNanos(), System.nanoTime(), machineTicks());
        }

        /** {JVM share, machine share}, each 0..1 of all cores; NaN where the platform does not tell. */
        double[] stop() {
            double wall = System.nanoTime() - wallNanos;
            int cores = Runtime.getRuntime().availableProcessors();
            double jvm = jvmNanos < 0 ? Double.NaN : (jvmCpuNanos() - jvmNanos) / (wall * cores);
            long[] now = machineTicks();
            double all = Double.NaN;
            if (machine != null && now != null && now[1] > machine[1]) {
                all = (double) (now[0] - machine[0]) / (now[1] - machine[1]);
            }
            return new double[] {jvm, all};
        }

        private static long jvmCpuNanos() {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
                return os.getProcessCpuTime();
            }
            return -1;
        }

        /** {busy ticks, total ticks} of all cores from /proc/stat, or null off Linux. */
        private static long[] machineTicks() {
            try {
                String cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                long[] fields = Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
                long total = Arrays.stream(fields).limit(8).sum();
                long idle = fields[3] + (fields.length > 4 ? fields[4] : 0);
                return new long[] {total - idle, total};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
