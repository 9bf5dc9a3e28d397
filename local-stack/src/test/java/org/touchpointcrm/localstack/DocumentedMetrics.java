package org.touchpointcrm.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metrics table of docs/operations.md ("## Metrics"), read so that the end-to-end test checks the
 * endpoints against what the guide promises, and the compose dashboard and alert rules read only what
 * the guide lists: each row's series name (the first `code` of its first column) and the services
 * (fourth column) whose /actuator/prometheus shows it.
 */
public record DocumentedMetrics(Map<String, Set<String>> seriesByService) {

    static final String SECTION = "## Metrics";
    static final Set<String> SERVICES = Set.of("ingest-service", "segmentation-streams", "notifier-service");
    private static final Pattern FIRST_CODE = Pattern.compile("`([a-z0-9_]+)`");
    /** What Prometheus adds to a Micrometer name: counters _total, timers _seconds and their histogram series. */
    private static final Pattern PROMETHEUS_SUFFIX = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");
    /** Prometheus's own series of every scrape target. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");

    /**
     * Reads the first table under {@value #SECTION}. A row naming an unknown service, or a service without rows, is
     * an error rather than skipped, so that a mistyped table cannot pass by checking nothing.
     */
    public static DocumentedMetrics read(Path operationsGuide) throws IOException {
        return parse(Files.readAllLines(operationsGuide), operationsGuide.toString());
    }

    /** As {@link #read}, of the guide's lines; {@code operationsGuide} names it in errors. */
    public static DocumentedMetrics parse(List<String> lines, String operationsGuide) {
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalStateException(operationsGuide + " has no section '" + SECTION + "'; the metrics table belongs there");
        }
        Map<String, Set<String>> byService = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ") || (inTable && !line.startsWith("|"))) {
                break;
            }
            if (!line.startsWith("| `")) {
                inTable |= line.startsWith("|");
                continue;
            }
            inTable = true;
            List<String> cells = Arrays.stream(line.split("\\|")).map(String::strip).toList();
            Matcher name = FIRST_CODE.matcher(cells.get(1));
            if (!name.find() || cells.size() < 5) {
                throw new IllegalStateException("metrics table row without a series name or a service column: " + line);
            }
            for (String service : cells.get(4).split(",")) {
                String known = service.strip();
                if (!SERVICES.contains(known)) {
                    throw new IllegalStateException("metrics table row names service '" + known + "', not one of " + SERVICES + ": " + line);
                }
                byService.computeIfAbsent(known, s -> new TreeSet<>()).add(name.group(1));
            }
        }
        if (!byService.keySet().containsAll(SERVICES)) {
            throw new IllegalStateException(operationsGuide + ": the metrics table under '" + SECTION + "' has rows for "
                    + byService.keySet() + " only; every service of " + SERVICES + " needs its own");
        }
        return new DocumentedMetrics(byService);
    }

    /**
     * Whether a query may read {@code series}: a documented series, or another of its family (the timer
     * documented by {@code _count} also has {@code _bucket}), or Prometheus's own {@code up}.
     */
    public boolean documents(String series) {
        String family = family(series);
        return PROMETHEUS_SERIES.contains(series)
                || seriesByService.values().stream().flatMap(Set::stream).anyMatch(known -> family(known).equals(family));
    }

    private static String family(String series) {
        return PROMETHEUS_SUFFIX.matcher(series).replaceFirst("");
    }

    /** The series names of a Prometheus text exposition, each with the label sets of its samples. */
    static Map<String, List<String>> samples(String exposition) {
        Map<String, List<String>> samples = new LinkedHashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            int end = brace >= 0 && brace < space ? brace : space;
            String labels = end == brace ? line.substring(brace, line.indexOf('}', brace) + 1) : "";
            samples.computeIfAbsent(line.substring(0, end), n -> new ArrayList<>()).add(labels);
        }
        return samples;
    }
}
