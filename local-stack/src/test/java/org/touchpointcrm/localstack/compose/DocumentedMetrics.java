package org.touchpointcrm.localstack.compose;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The project's metrics as docs/operations.md lists them in its {@code ## Metrics} section, by
 * Micrometer name (crm.dead.letters) or Prometheus series (crm_dead_letters_total), and the standard
 * families Spring, Micrometer's Kafka binders and Prometheus itself provide.
 */
final class DocumentedMetrics {

    static final String DOCUMENT = "docs/operations.md";
    private static final String SECTION = "## Metrics";
    private static final Pattern PROJECT_METRIC = Pattern.compile("\\bcrm[._][a-z0-9_.]*[a-z0-9]");
    /** What Prometheus adds to a Micrometer name: counters _total, timers _seconds and their histogram series. */
    private static final Pattern PROMETHEUS_SUFFIX = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");
    private static final List<String> STANDARD_PREFIXES = List.of("kafka_", "jvm_", "process_", "system_",
            "http_server_requests_", "executor_", "tomcat_", "logback_", "disk_", "application_");
    private static final Set<String> STANDARD_NAMES = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    private final Set<String> projectMetrics;

    private DocumentedMetrics(Set<String> projectMetrics) {
        this.projectMetrics = projectMetrics;
    }

    static DocumentedMetrics read() {
        return parse(Repository.text(DOCUMENT));
    }

    static DocumentedMetrics parse(String markdown) {
        int start = markdown.indexOf("\n" + SECTION + "\n");
        if (start < 0) {
            throw new IllegalStateException(DOCUMENT + " has no '" + SECTION + "' section listing the project's metrics");
        }
        int end = markdown.indexOf("\n## ", start + SECTION.length() + 1);
        String section = markdown.substring(start, end < 0 ? markdown.length() : end);
        Matcher names = PROJECT_METRIC.matcher(section);
        Set<String> metrics = names.results().map(m -> base(m.group().replace('.', '_'))).collect(Collectors.toSet());
        return new DocumentedMetrics(metrics);
    }

    Set<String> projectMetrics() {
        return projectMetrics;
    }

    /** True for a series of a documented project metric and for a standard family. */
    boolean knows(String series) {
        if (series.startsWith("crm_")) {
            return projectMetrics.contains(base(series));
        }
        return STANDARD_NAMES.contains(series) || STANDARD_PREFIXES.stream().anyMatch(series::startsWith);
    }

    private static String base(String series) {
        return PROMETHEUS_SUFFIX.matcher(series).replaceFirst("");
    }
}
