package org.touchpointcrm.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.ContactStats;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.rules.BuiltInSegments;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileFacts;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentSpec;
import org.touchpointcrm.segmentation.profile.ProfileChange;
import org.touchpointcrm.segmentation.profile.ProfileDerivations;
import org.touchpointcrm.segmentation.profile.ProfileSettings;
import org.touchpointcrm.segmentation.profile.ProfileUpdater;

/**
 * What the CEL segment rules cost, without Kafka: one thread evaluates 50 active segments (the 34
 * built-ins and 16 marketer-style rules) over one realistic customer profile, building
 * {@code compiler.facts(profile, now)} for every profile as segmentation-streams does, and compares
 * <ul>
 *   <li>all 50 rules against only the rules a typical event can affect (fields read ∩ fields the event
 *       changed, plus every rule that reads the clock), as {@code SegmentEvaluator} skips them;</li>
 *   <li>CEL against the same 50 conditions written as plain Java predicates over the Avro profile, in
 *       the same run (the machine is shared and noisy: the ratio matters more than the absolutes);</li>
 *   <li>and the compile time per rule (median, p99) over compiling all 50 rules many times.</li>
 * </ul>
 * The profile is built the way the stream builds it: a year of one customer's touchpoints and a
 * register record run through {@link ProfileUpdater}; the last touchpoint, a web visit, gives the set of
 * changed fields. Before timing, every CEL rule and its Java twin must agree on every intermediate
 * profile of that history, or the benchmark stops.
 *
 * <p>Every loop is bounded by a count and a deadline. The table is printed and written to
 * {@code bench/target/rule-benchmark.txt} (see {@code --out}).
 */
public final class RuleBenchmark {

    static final String USAGE = """
            usage: RuleBenchmark [--rounds N] [--seconds S] [--passes N] [--warmup-seconds S]
                                 [--compile-rounds N] [--compile-seconds S] [--out FILE]
              defaults: --rounds 3 (measured rounds per variant, interleaved; the median is reported)
                        --seconds 4 and --passes 5000000 (each round stops at whichever comes first)
                        --warmup-seconds 5 (per variant, before the rounds; bounded by --passes too)
                        --compile-rounds 200 (all 50 rules compiled this often, after 20 warm-up rounds)
                        --compile-seconds 60 --out bench/target/rule-benchmark.txt""";

    /** The instant of the profile's last event and of every evaluation. */
    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final BigDecimal FIVE_HUNDRED = new BigDecimal("500");
    private static final int COMPILE_WARMUP_ROUNDS = 20;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** One segment: its CEL rule and the same condition in plain Java. */
    record Rule(String id, String cel, BiPredicate<CustomerProfile, Instant> java) {}

    record Options(int rounds, Duration seconds, long passes, Duration warmup, int compileRounds,
                   Duration compileSeconds, Path out) {

        private static final Set<String> FLAGS = Set.of("--rounds", "--seconds", "--passes", "--warmup-seconds",
                "--compile-rounds", "--compile-seconds", "--out");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            return new Options((int) number(given, "--rounds", 3, 1),
                    Duration.ofSeconds(number(given, "--seconds", 4, 1)),
                    number(given, "--passes", 5_000_000, 1),
                    Duration.ofSeconds(number(given, "--warmup-seconds", 5, 0)),
                    (int) number(given, "--compile-rounds", 200, 1),
                    Duration.ofSeconds(number(given, "--compile-seconds", 60, 1)),
                    Path.of(given.getOrDefault("--out", "bench/target/rule-benchmark.txt")));
        }

        private static long number(Map<String, String> given, String flag, long fallback, long min) {
            return CommandLineFlags.number(given, flag, fallback, min, USAGE);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        System.exit(new RuleBenchmark(options).run() ? 0 : 1);
    }

    private final Options options;
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Members counted by every timed loop, printed at the end so that no loop can be optimised away. */
    private long sink;

    RuleBenchmark(Options options) {
        this.options = options;
    }

    boolean run() throws IOException {
        String started = STAMP.format(Instant.now());
        long constructStart = System.nanoTime();
        ProfileRuleCompiler compiler = new ProfileRuleCompiler();
        long constructNanos = System.nanoTime() - constructStart;

        List<Rule> rules = rules();
        long coldStart = System.nanoTime();
        List<CompiledRule> compiled = compileAll(compiler, rules);
        long coldNanos = System.nanoTime() - coldStart;

        History history = History.build();
        CustomerProfile profile = history.profile();
        Set<String> changed = history.lastChange();

        List<String> disagreements = agreement(compiler, rules, compiled, history.snapshots());
        if (!disagreements.isEmpty()) {
            System.err.println("CEL and Java disagree; fix the Java twin before timing:");
            disagreements.stream().limit(20).forEach(d -> System.err.println("  " + d));
            return false;
        }
        ProfileFacts check = compiler.facts(profile, NOW);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < compiled.size(); i++) {
            if (compiled.get(i).matches(check)) {
                members.add(rules.get(i).id());
            }
        }
        int errors = check.errors().size();
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < compiled.size(); i++) {
            if (askedAfter(compiled.get(i), changed)) {
                asked.add(rules.get(i).id());
            }
        }

        List<Variant> variants = List.of(
                new Variant("CEL, all rules", celPass(compiler, compiled, profile, null)),
                new Variant("CEL, skipping by fields", celPass(compiler, compiled, profile, changed)),
                new Variant("Java, all rules", javaPass(rules, compiled, profile, null)),
                new Variant("Java, skipping by fields", javaPass(rules, compiled, profile, changed)),
                new Variant("the skip test alone", skipTestPass(compiled, changed)));

        System.out.printf(Locale.ROOT, "Rule benchmark: %d rules, %d asked after a web visit; warming up %d s per variant...%n",
                rules.size(), asked.size(), options.warmup().toSeconds());
        for (Variant variant : variants) {
            measure(variant.pass(), options.warmup(), options.passes());
        }
        List<List<Measurement>> rounds = new ArrayList<>();
        variants.forEach(v -> rounds.add(new ArrayList<>()));
        for (int round = 1; round <= options.rounds(); round++) {
            System.out.printf(Locale.ROOT, "Round %d of %d...%n", round, options.rounds());
            for (int v = 0; v < variants.size(); v++) {
                rounds.get(v).add(measure(variants.get(v).pass(), options.seconds(), options.passes()));
            }
        }

        System.out.printf(Locale.ROOT, "Compiling all %d rules %d times...%n", rules.size(), options.compileRounds());
        CompileTimes compile = compileTimes(compiler, rules);

        String report = report(started, profile, rules, asked, changed, members, errors, variants, rounds, compile,
                constructNanos, coldNanos);
        System.out.println();
        System.out.print(report);
        Path out = options.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println("(also written to " + out + ")");
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // The 50 segments

    /** The 34 built-ins as built-in-segments.yml has them, then 16 rules a marketer might write. */
    static List<Rule> rules() {
        Map<String, BiPredicate<CustomerProfile, Instant>> builtInJava = builtInJava();
        List<Rule> rules = new ArrayList<>();
        for (SegmentSpec spec : BuiltInSegments.load()) {
            BiPredicate<CustomerProfile, Instant> java = builtInJava.remove(spec.id());
            if (java == null) {
                throw new IllegalStateException("built-in segment '" + spec.id() + "' has no Java twin in RuleBenchmark; add one");
            }
            rules.add(new Rule(spec.id(), spec.rule(), java));
        }
        if (!builtInJava.isEmpty()) {
            throw new IllegalStateException("RuleBenchmark has Java twins of built-ins that no longer exist: " + builtInJava.keySet());
        }
        rules.addAll(marketerRules());
        return List.copyOf(rules);
    }

    private static Map<String, BiPredicate<CustomerProfile, Instant>> builtInJava() {
        Map<String, BiPredicate<CustomerProfile, Instant>> java = new LinkedHashMap<>();
        java.put("loyal", (p, now) -> p.getRfm().getFrequency() >= 4 && p.getRfm().getRecency() >= 4);
        java.put("repeat", (p, now) -> p.getPurchases().getCount() >= 2);
        java.put("one-time", (p, now) -> p.getPurchases().getCount() == 1);
        java.put("never-purchased", (p, now) -> p.getPurchases().getCount() == 0);
        java.put("new", (p, now) -> p.getLifecycleStage() == LifecycleStage.NEW);
        java.put("active", (p, now) -> p.getLifecycleStage() == LifecycleStage.ACTIVE);
        java.put("lapsing", (p, now) -> p.getLifecycleStage() == LifecycleStage.LAPSING);
        java.put("dormant", (p, now) -> p.getLifecycleStage() == LifecycleStage.DORMANT);
        java.put("won-back", (p, now) -> p.getLifecycleStage() == LifecycleStage.WON_BACK);
        java.put("key-accounts", (p, now) -> p.getMaster() != null
                && (p.getMaster().getKeyAccountTier() == KeyAccountTier.GOLD
                || p.getMaster().getKeyAccountTier() == KeyAccountTier.PLATINUM));
        java.put("high-value", (p, now) -> p.getRfm().getMonetary() >= 4 && p.getRfm().getFrequency() >= 3);
        region(java, "region-uusimaa", "Uusimaa");
        region(java, "region-varsinais-suomi", "Varsinais-Suomi");
        region(java, "region-satakunta", "Satakunta");
        region(java, "region-kanta-hame", "Kanta-Häme");
        region(java, "region-pirkanmaa", "Pirkanmaa");
        region(java, "region-paijat-hame", "Päijät-Häme");
        region(java, "region-kymenlaakso", "Kymenlaakso");
        region(java, "region-etela-karjala", "Etelä-Karjala");
        region(java, "region-etela-savo", "Etelä-Savo");
        region(java, "region-pohjois-savo", "Pohjois-Savo");
        region(java, "region-pohjois-karjala", "Pohjois-Karjala");
        region(java, "region-keski-suomi", "Keski-Suomi");
        region(java, "region-etela-pohjanmaa", "Etelä-Pohjanmaa");
        region(java, "region-pohjanmaa", "Pohjanmaa");
        region(java, "region-keski-pohjanmaa", "Keski-Pohjanmaa");
        region(java, "region-pohjois-pohjanmaa", "Pohjois-Pohjanmaa");
        region(java, "region-kainuu", "Kainuu");
        region(java, "region-lappi", "Lappi");
        region(java, "region-ahvenanmaa", "Ahvenanmaa");
        java.put("engaged-email", (p, now) -> p.getEngagement().getLastEmailEngagementAt() != null
                && daysSince(p.getEngagement().getLastEmailEngagementAt(), now) <= 90);
        java.put("unengaged-email", (p, now) -> p.getEngagement().getEmailsSent() > 0
                && (p.getEngagement().getLastEmailEngagementAt() == null
                || daysSince(p.getEngagement().getLastEmailEngagementAt(), now) > 90));
        java.put("feedback-givers", (p, now) -> p.getFeedback().getCount() > 0);
        java.put("consent-missing", (p, now) -> !consented(p, "EMAIL", "marketing") && !consented(p, "SMS", "marketing"));
        return java;
    }

    private static void region(Map<String, BiPredicate<CustomerProfile, Instant>> java, String id, String region) {
        java.put(id, (p, now) -> inRegion(p, region));
    }

    /** Sixteen segments as a marketing team would ask for them, each with its Java twin. */
    static List<Rule> marketerRules() {
        return List.of(
                new Rule("uusimaa-regulars-gone-quiet",
                        "inRegion(\"Uusimaa\") && profile.windows.purchases365d >= 3 && daysSince(profile.purchases.lastAt) > 60",
                        (p, now) -> inRegion(p, "Uusimaa") && p.getWindows().getPurchases365d() >= 3
                                && p.getPurchases().getLastAt() != null && daysSince(p.getPurchases().getLastAt(), now) > 60),
                new Rule("big-spenders-eur",
                        "\"EUR\" in profile.windows.spend365d && profile.windows.spend365d[\"EUR\"] >= 500.0",
                        (p, now) -> {
                            BigDecimal spend = p.getWindows().getSpend365d().get("EUR");
                            return spend != null && spend.compareTo(FIVE_HUNDRED) >= 0;
                        }),
                new Rule("frequent-90d",
                        "profile.windows.purchases90d >= 3",
                        (p, now) -> p.getWindows().getPurchases90d() >= 3),
                new Rule("first-purchase-this-month",
                        "profile.purchases.count == 1 && has(profile.purchases.firstAt) && profile.purchases.firstAt > now - days(30)",
                        (p, now) -> p.getPurchases().getCount() == 1 && p.getPurchases().getFirstAt() != null
                                && p.getPurchases().getFirstAt().isAfter(now.minus(Duration.ofDays(30)))),
                new Rule("clickers-not-buying",
                        "profile.engagement.emailClicks > 0 && profile.windows.purchases90d == 0",
                        (p, now) -> p.getEngagement().getEmailClicks() > 0 && p.getWindows().getPurchases90d() == 0),
                new Rule("sms-reachable",
                        "consented(\"SMS\", \"marketing\") && has(profile.phone)",
                        (p, now) -> consented(p, "SMS", "marketing") && p.getPhone() != null),
                new Rule("newsletter-readers",
                        "consented(\"EMAIL\", \"newsletter\") && profile.engagement.emailOpens >= 3",
                        (p, now) -> consented(p, "EMAIL", "newsletter") && p.getEngagement().getEmailOpens() >= 3),
                new Rule("happy-reviewers",
                        "profile.feedback.ratings > 0 && has(profile.feedback.averageRating) && profile.feedback.averageRating >= 4.0",
                        (p, now) -> p.getFeedback().getRatings() > 0 && p.getFeedback().getAverageRating() != null
                                && p.getFeedback().getAverageRating() >= 4.0),
                new Rule("unhappy-this-month",
                        "has(profile.feedback.lastRating) && profile.feedback.lastRating <= 2 && daysSince(profile.feedback.lastRatedAt) <= 30",
                        (p, now) -> p.getFeedback().getLastRating() != null && p.getFeedback().getLastRating() <= 2
                                && p.getFeedback().getLastRatedAt() != null && daysSince(p.getFeedback().getLastRatedAt(), now) <= 30),
                new Rule("frequent-returners",
                        "profile.purchases.returnCount >= 2 && profile.purchases.returnCount * 3 >= profile.purchases.count",
                        (p, now) -> p.getPurchases().getReturnCount() >= 2
                                && p.getPurchases().getReturnCount() * 3 >= p.getPurchases().getCount()),
                new Rule("browsers-not-buyers",
                        "\"WEB\" in profile.contactsByChannel && profile.contactsByChannel[\"WEB\"].count >= 5 && profile.purchases.count == 0",
                        (p, now) -> {
                            ContactStats web = p.getContactsByChannel().get("WEB");
                            return web != null && web.getCount() >= 5 && p.getPurchases().getCount() == 0;
                        }),
                new Rule("store-only",
                        "size(profile.contactsByChannel) > 0 && profile.contactsByChannel.all(c, c == \"POS\")",
                        (p, now) -> {
                            if (p.getContactsByChannel().isEmpty()) {
                                return false;
                            }
                            for (String channel : p.getContactsByChannel().keySet()) {
                                if (!channel.equals("POS")) {
                                    return false;
                                }
                            }
                            return true;
                        }),
                new Rule("multichannel-this-month",
                        "size(profile.contactsByChannel.filter(c, profile.contactsByChannel[c].lastAt > now - days(30))) >= 3",
                        (p, now) -> {
                            Instant since = now.minus(Duration.ofDays(30));
                            int channels = 0;
                            for (ContactStats stats : p.getContactsByChannel().values()) {
                                if (stats.getLastAt().isAfter(since)) {
                                    channels++;
                                }
                            }
                            return channels >= 3;
                        }),
                new Rule("helsinki-businesses",
                        "has(profile.master.municipality) && profile.master.municipality == \"Helsinki\" && has(profile.master.companyName)",
                        (p, now) -> p.getMaster() != null && "Helsinki".equals(p.getMaster().getMunicipality())
                                && p.getMaster().getCompanyName() != null),
                new Rule("swedish-speakers",
                        "has(profile.master.language) && profile.master.language.startsWith(\"sv\")",
                        (p, now) -> p.getMaster() != null && p.getMaster().getLanguage() != null
                                && p.getMaster().getLanguage().startsWith("sv")),
                new Rule("consent-withdrawn-this-week",
                        "profile.consents.exists(k, !profile.consents[k].granted && profile.consents[k].at > now - days(7))",
                        (p, now) -> {
                            Instant since = now.minus(Duration.ofDays(7));
                            for (Consent consent : p.getConsents().values()) {
                                if (!consent.getGranted() && consent.getAt().isAfter(since)) {
                                    return true;
                                }
                            }
                            return false;
                        }));
    }

    static long daysSince(Instant then, Instant now) {
        return Math.floorDiv(Duration.between(then, now).toMillis(), MILLIS_PER_DAY);
    }

    static boolean inRegion(CustomerProfile p, String region) {
        MasterData master = p.getMaster();
        return master != null && master.getRegion() != null && master.getRegion().equalsIgnoreCase(region);
    }

    static boolean consented(CustomerProfile p, String channel, String purpose) {
        Consent consent = p.getConsents().get(channel + "/" + purpose);
        return consent != null && consent.getGranted();
    }

    private static List<CompiledRule> compileAll(ProfileRuleCompiler compiler, List<Rule> rules) {
        List<CompiledRule> compiled = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            try {
                compiled.add(compiler.compile(rule.cel()));
            } catch (RuleCompileException e) {
                throw new IllegalStateException("segment '" + rule.id() + "' does not compile: " + e.getMessage(), e);
            }
        }
        return compiled;
    }

    /** Every rule and its twin on every profile of the history, at its own instant and 120 days later. */
    private static List<String> agreement(ProfileRuleCompiler compiler, List<Rule> rules, List<CompiledRule> compiled,
                                          List<Snapshot> snapshots) {
        List<String> disagreements = new ArrayList<>();
        for (Snapshot snapshot : snapshots) {
            for (Instant at : List.of(snapshot.at(), snapshot.at().plus(Duration.ofDays(120)))) {
                ProfileFacts facts = compiler.facts(snapshot.profile(), at);
                for (int i = 0; i < rules.size(); i++) {
                    boolean cel = compiled.get(i).matches(facts);
                    boolean java = rules.get(i).java().test(snapshot.profile(), at);
                    if (cel != java) {
                        disagreements.add(rules.get(i).id() + " at " + at + " (profile version "
                                + snapshot.profile().getVersion() + "): CEL " + cel + ", Java " + java);
                    }
                }
            }
        }
        return disagreements;
    }

    // ---------------------------------------------------------------------------------------------
    // The four variants: one pass is one profile asked for all (or the affected) segments

    /** One profile asked for its segments; returns how many it is a member of and adds the rules asked to {@code asked[0]}. */
    @FunctionalInterface
    interface Pass {
        long run(long[] asked);
    }

    record Variant(String name, Pass pass) {}

    /** As SegmentEvaluator does it: facts once per profile, then every rule, or (changed given) only those it may affect. */
    private static Pass celPass(ProfileRuleCompiler compiler, List<CompiledRule> rules, CustomerProfile profile,
                                Set<String> changed) {
        CompiledRule[] array = rules.toArray(CompiledRule[]::new);
        return asked -> {
            ProfileFacts facts = compiler.facts(profile, NOW);
            long members = 0;
            long n = 0;
            for (CompiledRule rule : array) {
                if (changed != null && !rule.dependsOnTime() && Collections.disjoint(rule.fieldsRead(), changed)) {
                    continue;
                }
                n++;
                if (rule.matches(facts)) {
                    members++;
                }
            }
            asked[0] += n;
            return members;
        };
    }

    /** The Java twins, skipped by the same test on the CEL rule's fields read. */
    private static Pass javaPass(List<Rule> rules, List<CompiledRule> compiled, CustomerProfile profile, Set<String> changed) {
        @SuppressWarnings("unchecked")
        BiPredicate<CustomerProfile, Instant>[] array = rules.stream().map(Rule::java).toArray(BiPredicate[]::new);
        CompiledRule[] analysed = compiled.toArray(CompiledRule[]::new);
        return asked -> {
            long members = 0;
            long n = 0;
            for (int i = 0; i < array.length; i++) {
                CompiledRule rule = analysed[i];
                if (changed != null && !rule.dependsOnTime() && Collections.disjoint(rule.fieldsRead(), changed)) {
                    continue;
                }
                n++;
                if (array[i].test(profile, NOW)) {
                    members++;
                }
            }
            asked[0] += n;
            return members;
        };
    }

    /** Only the test that decides which rules to ask: what skipping costs before any rule runs. */
    private static Pass skipTestPass(List<CompiledRule> compiled, Set<String> changed) {
        CompiledRule[] analysed = compiled.toArray(CompiledRule[]::new);
        return asked -> {
            long n = 0;
            for (CompiledRule rule : analysed) {
                if (!rule.dependsOnTime() && Collections.disjoint(rule.fieldsRead(), changed)) {
                    continue;
                }
                n++;
            }
            return n;
        };
    }

    private static boolean askedAfter(CompiledRule rule, Set<String> changed) {
        return rule.dependsOnTime() || !Collections.disjoint(rule.fieldsRead(), changed);
    }

    record Measurement(long passes, long asked, long nanos, long allocatedBytes) {
        double profilesPerSecond() {
            return passes * 1e9 / nanos;
        }

        double evaluationsPerSecond() {
            return asked * 1e9 / nanos;
        }

        double nanosPerEvaluation() {
            return asked == 0 ? 0 : (double) nanos / asked;
        }

        double bytesPerProfile() {
            return passes == 0 ? 0 : (double) allocatedBytes / passes;
        }
    }

    /** Runs passes until {@code maxPasses} or the deadline, whichever comes first. */
    private Measurement measure(Pass pass, Duration limit, long maxPasses) {
        long[] asked = new long[1];
        long passes = 0;
        long members = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        while (passes < maxPasses) {
            long batch = Math.min(256, maxPasses - passes);
            for (long i = 0; i < batch; i++) {
                members += pass.run(asked);
            }
            passes += batch;
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        sink += members;
        return new Measurement(passes, asked[0], Math.max(1, nanos), allocated);
    }

    // ---------------------------------------------------------------------------------------------
    // Compile time

    record CompileTimes(int rounds, long[] sortedNanos, boolean deadlineHit) {
        long percentile(double p) {
            int index = (int) Math.ceil(p / 100.0 * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))];
        }
    }

    private CompileTimes compileTimes(ProfileRuleCompiler compiler, List<Rule> rules) {
        long deadline = System.nanoTime() + options.compileSeconds().toNanos();
        for (int round = 0; round < COMPILE_WARMUP_ROUNDS; round++) {
            sink += compileAll(compiler, rules).size();
        }
        long[] nanos = new long[options.compileRounds() * rules.size()];
        int n = 0;
        int rounds = 0;
        boolean deadlineHit = false;
        while (rounds < options.compileRounds()) {
            for (Rule rule : rules) {
                long start = System.nanoTime();
                try {
                    sink += compiler.compile(rule.cel()).estimatedCost();
                } catch (RuleCompileException e) {
                    throw new IllegalStateException(e);
                }
                nanos[n++] = System.nanoTime() - start;
            }
            rounds++;
            if (System.nanoTime() - deadline >= 0) {
                deadlineHit = rounds < options.compileRounds();
                break;
            }
        }
        long[] sorted = Arrays.copyOf(nanos, n);
        Arrays.sort(sorted);
        return new CompileTimes(rounds, sorted, deadlineHit);
    }

    // ---------------------------------------------------------------------------------------------
    // The profile: a year of one customer, through the real profile updater

    record Snapshot(CustomerProfile profile, Instant at) {}

    /**
     * The profile after the history, the fields its last touchpoint changed (the {@link ProfileUpdater}'s own set, as
     * {@code SegmentEvaluator} gets it), and a copy after every step.
     */
    record History(CustomerProfile profile, Set<String> lastChange, List<Snapshot> snapshots) {

        private static final String CUSTOMER = "c-bench-1";
        private static final String EMAIL = "aino.virtanen@example.fi";

        static History build() {
            ProfileUpdater updater = new ProfileUpdater(new ProfileDerivations(ProfileSettings.DEFAULTS));
            List<Snapshot> snapshots = new ArrayList<>();
            List<TouchpointEvent> events = events();
            Instant registered = daysAgo(420);
            CustomerProfile profile = updater.applyMaster(null, CUSTOMER, CustomerRecord.newBuilder()
                    .setCustomerId(CUSTOMER).setFirstName("Aino").setLastName("Virtanen").setEmail(EMAIL)
                    .setPhone("+358401234567").setPostalCode("00100").setMunicipality("Helsinki").setRegion("Uusimaa")
                    .setCountry("FI").setLanguage("fi").setTimeZone("Europe/Helsinki")
                    .setKeyAccountTier(KeyAccountTier.SILVER).setUpdatedAt(registered).setSource("csv-import")
                    .build(), registered);
            snapshots.add(new Snapshot(CustomerProfile.newBuilder(profile).build(), registered));
            ProfileChange last = null;
            for (TouchpointEvent event : events) {
                Instant at = event.getOccurredAt().plusSeconds(5);
                last = updater.change(profile, CUSTOMER, event, at);
                profile = last.profile();
                snapshots.add(new Snapshot(CustomerProfile.newBuilder(profile).build(), at));
            }
            // the empty profile of a customer seen only once, without register data, is a case of its own
            CustomerProfile stranger = updater.apply(null, "c-bench-2", event("stranger-1", NOW.minusSeconds(3600),
                    Channel.WEB, TouchpointType.WEB_VISIT, null), NOW);
            snapshots.add(new Snapshot(stranger, NOW));
            return new History(profile, last.changedFields(), List.copyOf(snapshots));
        }

        /** A year of touchpoints, oldest first; the newest two are web visits an hour apart, on the day of {@link #NOW}. */
        private static List<TouchpointEvent> events() {
            List<TouchpointEvent> events = new ArrayList<>();
            int[] purchaseDays = {400, 350, 300, 262, 231, 200, 171, 150, 131, 112, 96, 83, 70};
            for (int i = 0; i < purchaseDays.length; i++) {
                Channel channel = i % 4 == 3 ? Channel.WEB : Channel.POS;
                TouchpointEvent purchase = event("purchase-" + i, daysAgo(purchaseDays[i]), channel, TouchpointType.PURCHASE, null);
                purchase.setAmount(new BigDecimal(23 + 17 * (i % 5) + ".90"));
                purchase.setCurrency("EUR");
                purchase.setStoreId(channel == Channel.POS ? "store-helsinki-" + (i % 3) : null);
                events.add(purchase);
                if (channel == Channel.POS) {
                    events.add(event("scan-" + i, daysAgo(purchaseDays[i]).minusSeconds(60), Channel.POS,
                            TouchpointType.LOYALTY_SCAN, null));
                }
            }
            TouchpointEvent returned = event("return-1", daysAgo(94), Channel.POS, TouchpointType.RETURN, null);
            returned.setAmount(new BigDecimal("23.90"));
            returned.setCurrency("EUR");
            events.add(returned);
            for (int i = 0; i < 36; i++) {
                Instant sent = daysAgo(362 - 10L * i);
                events.add(event("mail-" + i, sent, Channel.EMAIL, TouchpointType.MESSAGE_SENT, EMAIL));
                if (i % 3 == 2) {
                    events.add(event("open-" + i, sent.plusSeconds(7200), Channel.EMAIL, TouchpointType.MESSAGE_OPENED, EMAIL));
                }
                if (i % 12 == 5) {
                    events.add(event("click-" + i, sent.plusSeconds(7260), Channel.EMAIL, TouchpointType.MESSAGE_CLICKED, EMAIL));
                }
            }
            for (int i = 0; i < 22; i++) {
                events.add(event("visit-" + i, daysAgo(355 - 16L * i), Channel.WEB, TouchpointType.WEB_VISIT, EMAIL));
            }
            events.add(event("form-1", daysAgo(140), Channel.WEB, TouchpointType.FORM_SUBMITTED, EMAIL));
            for (int i = 0; i < 5; i++) {
                events.add(event("sms-" + i, daysAgo(300 - 60L * i), Channel.SMS, TouchpointType.MESSAGE_SENT, null));
            }
            events.add(event("sms-reply-1", daysAgo(180), Channel.SMS, TouchpointType.SMS_REPLY, null));
            TouchpointEvent feedback = event("feedback-1", daysAgo(190), Channel.WEB, TouchpointType.FEEDBACK, EMAIL);
            feedback.setRating(4);
            feedback.setText("Nopea toimitus.");
            events.add(feedback);
            TouchpointEvent feedback2 = event("feedback-2", daysAgo(40), Channel.WEB, TouchpointType.FEEDBACK, EMAIL);
            feedback2.setRating(5);
            feedback2.setText("Hyvää palvelua.");
            events.add(feedback2);
            events.add(consent("consent-1", daysAgo(410), Channel.EMAIL, "marketing", true));
            events.add(consent("consent-2", daysAgo(409), Channel.EMAIL, "newsletter", true));
            events.add(consent("consent-3", daysAgo(305), Channel.SMS, "marketing", true));
            events.add(consent("consent-4", daysAgo(50), Channel.SMS, "marketing", false));
            events.add(event("visit-today-1", NOW.minusSeconds(3600), Channel.WEB, TouchpointType.WEB_VISIT, EMAIL));
            events.sort((a, b) -> a.getOccurredAt().compareTo(b.getOccurredAt()));
            events.add(event("visit-today-2", NOW.minusSeconds(5), Channel.WEB, TouchpointType.WEB_VISIT, EMAIL));
            return events;
        }

        private static Instant daysAgo(long days) {
            return NOW.minus(Duration.ofDays(days));
        }

        private static TouchpointEvent event(String id, Instant at, Channel channel, TouchpointType type, String email) {
            return TouchpointEvent.newBuilder()
                    .setEventId(id)
                    .setOccurredAt(at)
                    .setReceivedAt(at.plusMillis(200))
                    .setChannel(channel)
                    .setType(type)
                    .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(CUSTOMER).setEmail(email).build())
                    .setSource(channel.name().toLowerCase(Locale.ROOT) + "-system")
                    .build();
        }

        private static TouchpointEvent consent(String id, Instant at, Channel channel, String purpose, boolean granted) {
            TouchpointEvent event = event(id, at, channel,
                    granted ? TouchpointType.CONSENT_GIVEN : TouchpointType.CONSENT_WITHDRAWN, null);
            event.setConsentPurpose(purpose);
            return event;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Report

    private String report(String started, CustomerProfile profile, List<Rule> rules, List<String> asked, Set<String> changed, List<String> members,
                          int errors, List<Variant> variants, List<List<Measurement>> rounds, CompileTimes compile,
                          long constructNanos, long coldNanos) {
        StringBuilder out = new StringBuilder();
        Runtime.Version jdk = Runtime.version();
        out.append(String.format(Locale.ROOT, "rule benchmark   %s, %s %s, %d processors, one thread, -Xmx%d MiB%n",
                started, System.getProperty("java.vm.vendor"), jdk, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20));
        out.append(String.format(Locale.ROOT, "segments         %d active: %d built-in + %d marketer rules%n",
                rules.size(), rules.size() - marketerRules().size(), marketerRules().size()));
        out.append(String.format(Locale.ROOT, "profile          %s after a year of touchpoints (version %d); member of %d: %s%n",
                History.CUSTOMER, profile.getVersion(), members.size(), String.join(", ", members)));
        out.append(String.format(Locale.ROOT, "                 evaluation errors on it: %d%n", errors));
        out.append(String.format(Locale.ROOT, "last event       WEB_VISIT changed %s%n", new TreeSet<>(changed)));
        out.append(String.format(Locale.ROOT, "asked after it   %d of %d: %s%n", asked.size(), rules.size(), String.join(", ", asked)));
        out.append(String.format(Locale.ROOT, "timing           %d rounds per variant, interleaved, each up to %d s or %,d profiles; median round shown, [min-max] profiles/s%n%n",
                options.rounds(), options.seconds().toSeconds(), options.passes()));

        out.append(String.format(Locale.ROOT, "%-26s %6s %13s %15s %9s %11s   %s%n",
                "variant", "rules", "profiles/s", "evaluations/s", "ns/eval", "B/profile", "profiles/s per round [min-max]"));
        Measurement[] median = new Measurement[variants.size()];
        for (int v = 0; v < variants.size(); v++) {
            List<Measurement> ms = new ArrayList<>(rounds.get(v));
            ms.sort((a, b) -> Double.compare(a.profilesPerSecond(), b.profilesPerSecond()));
            Measurement m = ms.get(ms.size() / 2);
            median[v] = m;
            if (m.asked() == 0) { // the skip test alone: no rule is asked
                out.append(String.format(Locale.ROOT, "%-26s %6s %,13.0f %15s %9s %,11.0f   [%,.0f-%,.0f]  = %.0f ns per profile%n",
                        variants.get(v).name(), "0", m.profilesPerSecond(), "-", "-", m.bytesPerProfile(),
                        ms.getFirst().profilesPerSecond(), ms.getLast().profilesPerSecond(), 1e9 / m.profilesPerSecond()));
                continue;
            }
            out.append(String.format(Locale.ROOT, "%-26s %6d %,13.0f %,15.0f %9.1f %,11.0f   [%,.0f-%,.0f]%n",
                    variants.get(v).name(), m.asked() / Math.max(1, m.passes()), m.profilesPerSecond(),
                    m.evaluationsPerSecond(), m.nanosPerEvaluation(), m.bytesPerProfile(),
                    ms.getFirst().profilesPerSecond(), ms.getLast().profilesPerSecond()));
        }
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "CEL / Java        all rules: CEL takes %.1f× Java's time per profile; skipping by fields: %.1f×%n",
                median[2].profilesPerSecond() / median[0].profilesPerSecond(),
                median[3].profilesPerSecond() / median[1].profilesPerSecond()));
        out.append(String.format(Locale.ROOT, "skipping saves    CEL: %.1f× the profiles/s (%d of %d rules asked); Java: %.1f×%n",
                median[1].profilesPerSecond() / median[0].profilesPerSecond(), asked.size(), rules.size(),
                median[3].profilesPerSecond() / median[2].profilesPerSecond()));
        out.append(System.lineSeparator());
        out.append(String.format(Locale.ROOT, "compile          %,d compiles (%d rounds of all %d rules, after %d warm-up rounds)%s%n",
                compile.sortedNanos().length, compile.rounds(), rules.size(), COMPILE_WARMUP_ROUNDS,
                compile.deadlineHit() ? ", stopped by --compile-seconds" : ""));
        out.append(String.format(Locale.ROOT, "  per rule µs     p50 %.1f   p90 %.1f   p99 %.1f   max %.1f%n",
                compile.percentile(50) / 1e3, compile.percentile(90) / 1e3, compile.percentile(99) / 1e3,
                compile.sortedNanos()[compile.sortedNanos().length - 1] / 1e3));
        out.append(String.format(Locale.ROOT, "  cold            new ProfileRuleCompiler() %.0f ms; first compile of all %d rules %.0f ms%n",
                constructNanos / 1e6, rules.size(), coldNanos / 1e6));
        out.append(String.format(Locale.ROOT, "%n(checksum %d)%n", sink));
        return out.toString();
    }
}
