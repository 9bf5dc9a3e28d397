package org.touchpointcrm.bench;

import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.threeten.extra.MutableClock;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.SegmentBackfill;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.SegmentationProperties;
import org.touchpointcrm.segmentation.profile.BackfillSegments;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileInput;
import org.touchpointcrm.segmentation.profile.ProfileUpdate;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;
import org.touchpointcrm.segmentation.profile.UpdateProfile;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.SegmentChangeMeters;
import org.touchpointcrm.segmentation.sweep.DueIndex;
import org.touchpointcrm.segmentation.sweep.SweepProperties;
import org.touchpointcrm.segmentation.sweep.TimeSweep;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The due-time sweep of segmentation-streams: what one tick costs with the same number of due
 * customers among 10,000 and among 1,000,000 stored profiles (aim: within 2×), and the lag from a
 * customer's due instant to its segment change (aim: p99 under 60 s).
 *
 * <p>segmentation's own profile processor ({@code UpdateProfile}, with the built-in segments) runs on
 * one task's RocksDB stores through Kafka's {@code MockProcessorContext}: the stores, the due index and
 * the sweep are the production code; there is no broker, no changelog and no record cache, so the
 * figures are the sweep's own work. The stored profiles are loaded through the same processor, one
 * purchase each; that load is the baseline: the cost of the event path per customer, in the same run.
 * Each round makes {@code --due} customers fall due at one instant (their only purchase turns 90 days
 * old: ACTIVE to LAPSING) and runs the sweep's punctuations until no catch-up slice is left; the
 * benchmark checks that exactly those customers entered {@code lapsing}, once each. The lag phase
 * (largest store only) spreads {@code --lag-customers} due instants over ten minutes, plus a burst of
 * {@code --burst} at one instant, and runs the punctuations on a simulated clock at the configured
 * interval; a customer's lag is its punctuation's instant minus its due instant plus that
 * punctuation's measured run time (an upper bound).
 */
public final class SweepBenchmark {

    static final String USAGE = """
            usage: SweepBenchmark [--profiles N,N] [--due N] [--rounds N] [--lag-customers N] [--burst N]
                                  [--data DIR] [--out FILE]
              defaults: --profiles 10000,1000000 --due 1000 --rounds 5 --lag-customers 20000 --burst 3000
                        --data bench/target/sweep-bench-data --out bench/target/sweep-benchmark.txt""";

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration ACTIVE_WITHIN = SegmentationProperties.defaults().lifecycle().activeWithin();
    private static final Instant LAG_START = T0.plus(Duration.ofHours(12));
    private static final Duration LAG_SPREAD = Duration.ofMinutes(10);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    record Options(List<Integer> profiles, int due, int rounds, int lagCustomers, int burst, Path data, Path out) {

        private static final Set<String> FLAGS = Set.of("--profiles", "--due", "--rounds", "--lag-customers", "--burst",
                "--data", "--out");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            List<Integer> profiles = Arrays.stream(given.getOrDefault("--profiles", "10000,1000000").split(","))
                    .map(String::strip).map(Integer::parseInt).sorted().toList();
            Options options = new Options(profiles, (int) number(given, "--due", 1000, 1),
                    (int) number(given, "--rounds", 5, 1), (int) number(given, "--lag-customers", 20_000, 0),
                    (int) number(given, "--burst", 3000, 0),
                    Path.of(given.getOrDefault("--data", "bench/target/sweep-bench-data")),
                    Path.of(given.getOrDefault("--out", "bench/target/sweep-benchmark.txt")));
            if (profiles.getFirst() < options.due() * options.rounds()) {
                throw new IllegalArgumentException("--profiles must each be at least --due × --rounds\n" + USAGE);
            }
            return options;
        }

        private static long number(Map<String, String> given, String flag, long fallback, long min) {
            return CommandLineFlags.number(given, flag, fallback, min, USAGE);
        }
    }

    /** One store size's figures. */
    record Result(int profiles, double loadSeconds, double eventMicros, double emptyTickMillis, List<Double> tickMillis,
                  long entered, boolean exact, Histogram lag, long lagCustomers) {

        double medianTickMillis() {
            List<Double> sorted = tickMillis.stream().sorted().toList();
            return sorted.get(sorted.size() / 2);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        System.exit(new SweepBenchmark(options).run() ? 0 : 1);
    }

    private final Options options;

    SweepBenchmark(Options options) {
        this.options = options;
    }

    boolean run() throws Exception {
        String started = STAMP.format(Instant.now());
        CrmSerdes serdes = CrmSerdes.withoutRegistry();
        List<Result> results = new ArrayList<>();
        for (int profiles : options.profiles()) {
            boolean lag = profiles == options.profiles().getLast() && options.lagCustomers() + options.burst() > 0
                    && profiles >= options.due() * options.rounds() + options.lagCustomers() + options.burst();
            results.add(measure(serdes, profiles, lag));
        }
        String report = report(started, results);
        System.out.print(report);
        Files.createDirectories(options.out().toAbsolutePath().getParent());
        Files.writeString(options.out(), report);
        return results.stream().allMatch(Result::exact);
    }

    private Result measure(CrmSerdes serdes, int profiles, boolean withLag) throws IOException {
        Path dir = options.data().resolve("profiles-" + profiles);
        deleteTree(dir);
        Files.createDirectories(dir);
        System.out.printf(Locale.ROOT, "%,d stored profiles%n", profiles);
        MutableClock clock = MutableClock.of(T0, ZoneOffset.UTC);
        SweepProperties sweep = SweepProperties.DEFAULTS;
        Harness harness = new Harness(serdes, dir.toFile(), clock, sweep);
        try {
            // The customers due in round r lapse at T0 + (r + 1) h; the lag phase's over ten minutes after
            // LAG_START; everybody else bought 1–29 days ago and is due at a UTC midnight days later.
            int roundCustomers = options.due() * options.rounds();
            int lagCustomers = withLag ? options.lagCustomers() + options.burst() : 0;
            Random random = new Random(42);
            long loadStart = System.nanoTime();
            for (int i = 0; i < profiles; i++) {
                Instant purchase;
                if (i < roundCustomers) {
                    purchase = T0.plus(Duration.ofHours(i / options.due() + 1)).minus(ACTIVE_WITHIN);
                } else if (i < roundCustomers + lagCustomers) {
                    Instant due = i < roundCustomers + options.burst() ? LAG_START.plus(LAG_SPREAD.dividedBy(2))
                            : LAG_START.plusMillis((long) (random.nextDouble() * LAG_SPREAD.toMillis()));
                    purchase = due.minus(ACTIVE_WITHIN);
                } else {
                    purchase = T0.minus(Duration.ofDays(1 + random.nextInt(29))).minusSeconds(random.nextInt(3600));
                }
                harness.process(customer(i), purchase);
                if (i % 100_000 == 99_999) {
                    System.out.printf(Locale.ROOT, "  loaded %,d%n", i + 1);
                }
            }
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

            clock.setInstant(T0.plus(Duration.ofMinutes(30)));
            long emptyStart = System.nanoTime();
            int emptySwept = harness.sweepUntilIdle(null);
            double emptyTickMillis = (System.nanoTime() - emptyStart) / 1e6;

            List<Double> ticks = new ArrayList<>();
            Set<String> entered = new HashSet<>();
            long duplicates = 0;
            for (int r = 0; r < options.rounds(); r++) {
                clock.setInstant(T0.plus(Duration.ofHours(r + 1)).plusSeconds(5));
                long start = System.nanoTime();
                harness.sweepUntilIdle(null);
                ticks.add((System.nanoTime() - start) / 1e6);
                for (String id : harness.enteredLapsing()) {
                    duplicates += entered.add(id) ? 0 : 1;
                }
            }
            Set<String> expected = new HashSet<>();
            for (int i = 0; i < roundCustomers; i++) {
                expected.add(customer(i));
            }
            boolean exact = emptySwept == 0 && duplicates == 0 && entered.equals(expected);
            System.out.printf(Locale.ROOT, "  load %.1f s; empty tick %.2f ms; ticks %s ms; %,d entered lapsing (%s)%n",
                    loadSeconds, emptyTickMillis, ticks, entered.size(), exact ? "exactly the due customers" : "MISMATCH");

            Histogram lag = new Histogram(3_600_000L, 3);
            if (withLag) {
                exact &= lagPhase(harness, clock, sweep, lag, lagCustomers);
            }
            return new Result(profiles, loadSeconds, loadSeconds * 1e6 / profiles, emptyTickMillis, ticks,
                    entered.size(), exact, lag, lagCustomers);
        } finally {
            harness.close();
            deleteTree(dir);
        }
    }

    /** Runs the punctuations as the stream thread would, on a simulated clock; records each customer's lag. */
    private static boolean lagPhase(Harness harness, MutableClock clock, SweepProperties sweep, Histogram lag,
                                    int expected) {
        Instant end = LAG_START.plus(LAG_SPREAD).plus(sweep.interval().multipliedBy(2));
        Instant tick = LAG_START.minus(sweep.interval());
        Set<String> entered = new HashSet<>();
        while (tick.isBefore(end)) {
            tick = tick.plus(sweep.interval());
            clock.setInstant(tick);
            long start = System.nanoTime();
            List<SegmentChange> changes = new ArrayList<>();
            harness.sweepUntilIdle(changes);
            long runMillis = (System.nanoTime() - start) / 1_000_000;
            for (SegmentChange change : changes) {
                if (change.getSegmentId().equals("lapsing") && change.getKind() == SegmentChangeKind.ENTERED) {
                    Instant due = Instant.parse(change.getTriggeringEventId().substring(TimeSweep.TIME_TRIGGER.length()));
                    // changedAt is the punctuation's instant: a catch-up slice runs catch-up-interval later.
                    lag.recordValue(Duration.between(due, change.getChangedAt()).toMillis() + runMillis);
                    entered.add(change.getCustomerId());
                }
            }
        }
        System.out.printf(Locale.ROOT, "  lag of %,d customers: p50 %,d ms, p99 %,d ms, max %,d ms%n", entered.size(),
                lag.getValueAtPercentile(50), lag.getValueAtPercentile(99), lag.getMaxValue());
        return entered.size() == expected && lag.getTotalCount() == expected;
    }

    private static String customer(int i) {
        return "bench-" + i;
    }

    private String report(String started, List<Result> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Sweep benchmark, started %s, %d cores, Java %s, -Xmx%dm%n", started,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024)));
        out.append(String.format(Locale.ROOT, "%d due customers per round, %d rounds; slice %d, interval %s%n%n",
                options.due(), options.rounds(), SweepProperties.DEFAULTS.sliceSize(), SweepProperties.DEFAULTS.interval()));
        out.append("| stored profiles | load (event path) µs/profile | empty tick ms | sweep of the due ms (median) | per due customer µs | rounds ms | exact |\n");
        out.append("|---:|---:|---:|---:|---:|---|---|\n");
        for (Result r : results) {
            out.append(String.format(Locale.ROOT, "| %,d | %.1f | %.2f | %.1f | %.1f | %s | %s |%n", r.profiles(),
                    r.eventMicros(), r.emptyTickMillis(), r.medianTickMillis(), r.medianTickMillis() * 1000 / options.due(),
                    r.tickMillis().stream().map(t -> String.format(Locale.ROOT, "%.0f", t)).toList(),
                    r.exact() ? "yes" : "NO"));
        }
        if (results.size() > 1) {
            out.append(String.format(Locale.ROOT, "%nlargest / smallest store, median sweep: %.2f× (aim: within 2×)%n",
                    results.getLast().medianTickMillis() / results.getFirst().medianTickMillis()));
        }
        for (Result r : results) {
            if (r.lagCustomers() > 0) {
                out.append(String.format(Locale.ROOT, "lag from due instant to segment change at %,d profiles, %,d customers"
                        + " (%,d of them due at one instant): p50 %,d ms, p99 %,d ms, max %,d ms (aim: p99 < 60 s)%n",
                        r.profiles(), r.lagCustomers(), options.burst(), r.lag().getValueAtPercentile(50),
                        r.lag().getValueAtPercentile(99), r.lag().getMaxValue()));
            }
        }
        return out.toString();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** segmentation's profile processor on one task's RocksDB stores. */
    private static final class Harness implements AutoCloseable {
        private final MockProcessorContext<String, ProfileUpdate> context;
        private final UpdateProfile processor;
        private final List<StateStore> stores = new ArrayList<>();
        private final SweepProperties sweep;
        private final MutableClock clock;
        private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

        Harness(CrmSerdes serdes, File stateDir, MutableClock clock, SweepProperties sweep) {
            this.clock = clock;
            this.sweep = sweep;
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, "sweep-bench");
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.getAbsolutePath());
            context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir);
            add(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(UpdateProfile.STORE), Serdes.String(),
                    serdes.value(Topics.CUSTOMER_PROFILES)));
            add(BackfillSegments.store(serdes.avro(SegmentBackfill.class)));
            add(DueIndex.byTimeStore());
            add(DueIndex.dueAtStore());
            SegmentationProperties properties = SegmentationProperties.defaults();
            ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(properties.profileSettings()));
            SegmentEvaluator segments = SegmentEvaluator.builtIn();
            processor = new UpdateProfile(updater, segments, clock, properties.backfill(), meters.counter("backfilled"),
                    new SegmentChangeMeters(meters), new TimeSweep(sweep, updater, segments, clock, meters));
            processor.init(context);
            // The built-in definitions' back-fill over the empty store, once: it settles and cancels its
            // slices, so the only short-interval punctuator left is the sweep's catch-up.
            punctuator(UpdateProfile.BACKFILL_WATCH).getPunctuator().punctuate(clock.millis());
            for (int slice = 0; slice < 10; slice++) {
                context.scheduledPunctuators().stream()
                        .filter(p -> p.getInterval().equals(properties.backfill().interval()) && !p.cancelled())
                        .forEach(p -> p.getPunctuator().punctuate(clock.millis()));
            }
            if (context.scheduledPunctuators().stream().anyMatch(p -> p.getInterval().equals(sweep.catchUpInterval())
                    && !p.cancelled())) {
                throw new IllegalStateException("the back-fill's slices did not settle; the catch-up could not be told apart");
            }
        }

        /** Without changelog or cache: MockProcessorContext has neither. */
        private void add(StoreBuilder<?> builder) {
            StateStore store = builder.withLoggingDisabled().withCachingDisabled().build();
            store.init(context.getStateStoreContext(), store);
            context.addStateStore(store);
            stores.add(store);
        }

        void process(String customerId, Instant purchase) {
            TouchpointEvent event = TouchpointEvent.newBuilder()
                    .setEventId(UUID.randomUUID().toString()).setOccurredAt(purchase).setReceivedAt(purchase)
                    .setChannel(Channel.POS).setType(TouchpointType.PURCHASE)
                    .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(customerId).build())
                    .setSource("bench").setAttributes(Map.of())
                    .setAmount(new BigDecimal("20.00")).setCurrency("EUR").setStoreId("tampere-koskikeskus").build();
            processor.process(new Record<>(customerId, ProfileInput.touchpoint(event), clock.millis()));
            context.resetForwards();
        }

        /**
         * The sweep's punctuation, then its catch-up slices while it schedules them, as the stream
         * thread would run them; the changes forwarded go to {@code changes} (when given).
         *
         * @return how many customers the punctuations re-evaluated
         */
        int sweepUntilIdle(List<SegmentChange> changes) {
            context.resetForwards();
            long before = sweptCount();
            punctuator(sweep.interval()).getPunctuator().punctuate(clock.millis());
            for (int slices = 0; slices < 10_000; slices++) {
                var catchUp = context.scheduledPunctuators().stream()
                        .filter(p -> p.getInterval().equals(sweep.catchUpInterval()) && !p.cancelled()).findFirst();
                if (catchUp.isEmpty()) {
                    break;
                }
                clock.setInstant(clock.instant().plus(sweep.catchUpInterval()));
                catchUp.get().getPunctuator().punctuate(clock.millis());
            }
            if (changes != null) {
                context.forwarded().forEach(f -> changes.addAll(f.record().value().changes()));
            }
            return (int) (sweptCount() - before);
        }

        /** The customers that entered lapsing in the punctuations since the last reset. */
        List<String> enteredLapsing() {
            List<String> ids = new ArrayList<>();
            context.forwarded().forEach(f -> f.record().value().changes().stream()
                    .filter(c -> c.getSegmentId().equals("lapsing") && c.getKind() == SegmentChangeKind.ENTERED)
                    .forEach(c -> ids.add(c.getCustomerId())));
            return ids;
        }

        private long sweptCount() {
            return (long) meters.get(TimeSweep.SWEPT_METRIC).counter().count();
        }

        private MockProcessorContext.CapturedPunctuator punctuator(Duration interval) {
            return context.scheduledPunctuators().stream()
                    .filter(p -> p.getInterval().equals(interval) && p.getType() == PunctuationType.WALL_CLOCK_TIME)
                    .findFirst().orElseThrow();
        }

        @Override
        public void close() {
            stores.forEach(StateStore::close);
        }
    }
}
