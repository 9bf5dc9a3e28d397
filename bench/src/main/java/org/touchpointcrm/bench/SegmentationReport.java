package org.touchpointcrm.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.touchpointcrm.bench.ProfileFootprint.DiskSize;
import org.touchpointcrm.bench.ProfileFootprint.ProfileSizes;
import org.touchpointcrm.bench.SegmentationBenchmark.Backfill;
import org.touchpointcrm.bench.SegmentationBenchmark.CatchUp;
import org.touchpointcrm.bench.SegmentationBenchmark.Latency;
import org.touchpointcrm.bench.SegmentationBenchmark.Options;
import org.touchpointcrm.bench.SegmentationBenchmark.StreamsSettings;
import org.touchpointcrm.schemas.Topics;

/** The segmentation benchmark's report: the machine and workload, each measurement, and whether the aims are met. */
final class SegmentationReport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private SegmentationReport() {
    }

    static String of(Options options, StreamsSettings settings, double preloadSeconds, CatchUp passThrough,
                     CatchUp segmented, long deadLetters, Map<String, String> actual, ProfileSizes sizes, DiskSize disk,
                     Latency latency, Backfill backfill) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, """
                Touchpoint CRM segmentation benchmark, %s
                  machine   %d cores (%s %s, %s), JDK %s (%s), max heap %d MiB
                  workload  %,d touchpoints of %,d customers over the last year (seed %d), pre-loaded in %.1f s
                  streams   segmentation-streams runs with %s; the pass-through with
                            the same exactly_once_v2, commit.interval.ms %d, statestore.cache.max.bytes %d, %d stream thread(s)
                  one JVM   broker, both Streams apps and the load generator; the registry in its own process

                """, STAMP.format(Instant.now()), Runtime.getRuntime().availableProcessors(), os.getName(), os.getVersion(),
                os.getArch(), Runtime.version(), System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / (1024 * 1024),
                options.events(), options.customers(), options.seed(), preloadSeconds, actual, settings.commitIntervalMs(),
                settings.cacheMaxBytes(), settings.streamThreads()));
        out.append(String.format(Locale.ROOT, "%-14s %9s %10s %8s %12s %8s %8s %8s%n",
                "throughput", "events", "to RUNNING", "seconds", "events/s", "JVM cpu", "all cpu", "vs pass"));
        out.append(line(passThrough, passThrough)).append('\n');
        out.append(line(segmented, passThrough)).append('\n');
        out.append("(from RUNNING until the group has committed every input record; segmentation also every record of\n"
                + " its repartition and identity loop topics. to RUNNING: start to RUNNING, not counted)\n");
        out.append(String.format(Locale.ROOT, "dead letters   %,d records on %s (must be 0, or segmentation skipped work)%n%n",
                deadLetters, Topics.DLQ_SEGMENTATION.name()));

        out.append(String.format(Locale.ROOT, """
                latency        %,d first purchases of new customers at %,d/s for %d s: %,d sent in %.1f s (%,.0f/s), %d send errors
                               %,d of them matched to their first segment change (one-time, new, ... ENTERED) on crm.segment-changes
                               due-to-read ms: p50 %.1f   p90 %.1f   p99 %.1f   p99.9 %.1f   max %.1f
                               cpu during the phase: JVM %.0f %%, all %.0f %%

                """, latency.due(), options.rate(), options.latency().toSeconds(), latency.sent(), latency.seconds(),
                latency.sent() / latency.seconds(), latency.sendErrors(), latency.matched(), latency.millis(50),
                latency.millis(90), latency.millis(99), latency.millis(99.9),
                latency.histogram().getTotalCount() == 0 ? Double.NaN : latency.histogram().getMaxValue() / 1000.0,
                100 * latency.jvmCpu(), 100 * latency.machineCpu()));

        out.append(String.format(Locale.ROOT, """
                profiles       %,d after the history (%,d versions read from crm.customer-profiles)
                  serialized   Avro without the 5-byte header: average %.0f B, p50 %d B, p99 %d B, max %d B (keys: average %.0f B)
                  on disk      profiles store (RocksDB, %d task directories, after a clean stop): %,d B, %,.0f B per profile
                               (SST files %,d B, %,.0f B per profile); the whole state directory (with the dedupe store) %,d B

                """, sizes.profiles(), sizes.records(), sizes.averageBytes(), sizes.p50Bytes(), sizes.p99Bytes(), sizes.maxBytes(),
                sizes.profiles() == 0 ? 0.0 : (double) sizes.keyBytes() / sizes.profiles(), disk.taskDirectories(),
                disk.profilesStoreBytes(), perProfile(disk.profilesStoreBytes(), sizes), disk.profilesSstBytes(),
                perProfile(disk.profilesSstBytes(), sizes), disk.allStateBytes()));

        out.append(String.format(Locale.ROOT, """
                back-fill      a new segment (%s) over %,d stored profiles, while idle:
                               preview (read every profile once, evaluate): %.2f s, %,.0f profiles/s, %,d match
                               back-fill (publish to every profile measured): %.2f s, %,.0f profiles/s = %.0f %% of the preview's rate
                               %,d measured, %,d members afterwards (must equal the matches); cpu: JVM %.0f %%, all %.0f %%
                               (slice %s profiles per task every %s)

                """, SegmentationBenchmark.BACKFILL_RULE, backfill.profiles(), backfill.previewSeconds(),
                backfill.profiles() / backfill.previewSeconds(), backfill.previewMatching(), backfill.seconds(),
                backfill.profilesPerSecond(), 100 * backfill.profilesPerSecond() / (backfill.profiles() / backfill.previewSeconds()),
                backfill.measured(), backfill.members(), 100 * backfill.jvmCpu(), 100 * backfill.machineCpu(),
                actual.getOrDefault("backfill.slice-size", "?"), actual.getOrDefault("backfill.interval", "?")));

        double ratio = segmented.eventsPerSecond() / passThrough.eventsPerSecond();
        out.append(String.format(Locale.ROOT, """
                segmentation / pass-through   %5.1f %%   (aim >= 50 %%: %s)
                segmentation                  %,.0f touchpoints/s (aim >= 25,000: %s)
                latency p99 at %,d/s           %.1f ms (aim < 1,000 ms: %s)
                """, 100 * ratio, ratio >= 0.5 ? "met" : "NOT met", segmented.eventsPerSecond(),
                segmented.eventsPerSecond() >= 25_000 ? "met" : "NOT met", options.rate(), latency.millis(99),
                latency.millis(99) < 1000 && latency.matched() == latency.sent() ? "met" : "NOT met"));
        for (CatchUp c : List.of(passThrough, segmented)) {
            if (!c.complete()) {
                out.append(c.phase()).append(": ").append(c.note()).append('\n');
            }
        }
        if (!backfill.complete()) {
            out.append(String.format(Locale.ROOT, "back-fill: NOT complete: %,d of %,d profiles measured, %,d members for %,d matches%n",
                    backfill.measured(), backfill.profiles(), backfill.members(), backfill.previewMatching()));
        }
        if (latency.matched() < latency.sent()) {
            out.append(String.format(Locale.ROOT, "latency: %,d sent events had no segment change within the drain time%n",
                    latency.sent() - latency.matched()));
        }
        return out.toString();
    }

    private static double perProfile(long bytes, ProfileSizes sizes) {
        return sizes.profiles() == 0 ? Double.NaN : (double) bytes / sizes.profiles();
    }

    static String line(CatchUp c, CatchUp passThrough) {
        return String.format(Locale.ROOT, "%-14s %,9d %9.1fs %8.2f %,12.0f %7.0f%% %7.0f%% %8s",
                c.phase(), c.events(), c.startSeconds(), c.seconds(), c.eventsPerSecond(), 100 * c.jvmCpu(), 100 * c.machineCpu(),
                passThrough == null ? "" : String.format(Locale.ROOT, "%.1f%%", 100 * c.eventsPerSecond() / passThrough.eventsPerSecond()));
    }
}
