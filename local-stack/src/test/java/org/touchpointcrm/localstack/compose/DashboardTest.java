package org.touchpointcrm.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.localstack.DocumentedMetrics;

import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard and the Prometheus alert rules read only metrics that exist: those of the
 * table in docs/operations.md, which the end-to-end test finds on the running services' endpoints.
 * Grafana's provisioning finds the dashboard where docker-compose.yml mounts it.
 */
class DashboardTest {

    private static final String GUIDE = "docs/operations.md";
    private static final String DASHBOARD = "ops/grafana/dashboards/touchpoint-crm.json";
    private static final String ALERTS = "ops/prometheus/alerts.yml";
    private static final String DATASOURCES = "ops/grafana/provisioning/datasources/prometheus.yml";
    private static final String DASHBOARD_PROVIDERS = "ops/grafana/provisioning/dashboards/touchpoint-crm.yml";

    @Test
    void everyMetricTheDashboardAndTheAlertsReadIsInTheGuidesMetricsTable() throws Exception {
        DocumentedMetrics documented = DocumentedMetrics.read(Repository.file(GUIDE));
        Map<String, String> expressions = new LinkedHashMap<>(dashboardExpressions());
        expressions.putAll(alertExpressions());

        List<String> unknown = new ArrayList<>();
        expressions.forEach((where, expression) -> PromQl.metricNames(expression).stream()
                .filter(name -> !documented.documents(name)).forEach(name -> unknown.add(where + ": " + name)));

        assertThat(expressions).hasSizeGreaterThan(10);
        assertThat(unknown).as("metrics not in the table under '## Metrics' of %s", GUIDE).isEmpty();
    }

    @Test
    void theDashboardShowsEveryProjectMetricOfTheContract() {
        Set<String> read = new HashSet<>();
        dashboardExpressions().values().forEach(expression -> read.addAll(PromQl.metricNames(expression)));

        assertThat(read).contains("crm_ingest_touchpoints_accepted_total", "crm_ingest_touchpoints_rejected_total",
                "crm_dead_letters_total", "crm_segmentation_latency_seconds_bucket", "crm_segmentation_segment_members",
                "crm_segmentation_segment_changes_total", "crm_notifier_decisions_total", "crm_notifier_deliveries_total",
                "kafka_consumer_fetch_manager_records_lag_max", "kafka_stream_thread_process_total");
    }

    @Test
    void aMisspelledOrUndocumentedMetricIsCaught() {
        DocumentedMetrics documented = DocumentedMetrics.parse("""
                # Operations
                ## Metrics
                | series | type | tags | service | meaning |
                |---|---|---|---|---|
                | `crm_dead_letters_total` | counter | | segmentation-streams | a |
                | `crm_segmentation_latency_seconds_count` | timer | | segmentation-streams | b |
                | `crm_ingest_touchpoints_accepted_total` | counter | | ingest-service | c |
                | `crm_notifier_decisions_total` | counter | | notifier-service | d |
                ## Next section
                `crm_not_a_metric_here`
                """.lines().toList(), "a guide");
        Set<String> names = PromQl.metricNames("""
                sum by (topic, error) (increase(crm_dead_letter_total{topic=~"crm.dlq.+"}[$__rate_interval]))
                / on (job) group_left histogram_quantile(0.99, sum by (le) (rate(crm_segmentation_latency_seconds_bucket[5m])))
                and up == 0 or crm_not_a_metric_here or kafka_stream_client_stat""");

        assertThat(names).containsExactlyInAnyOrder("crm_dead_letter_total", "crm_segmentation_latency_seconds_bucket", "up",
                "crm_not_a_metric_here", "kafka_stream_client_stat");
        assertThat(names.stream().filter(name -> !documented.documents(name)))
                .containsExactlyInAnyOrder("crm_dead_letter_total", "crm_not_a_metric_here", "kafka_stream_client_stat");
    }

    @Test
    void theDashboardIsValidJsonWithUniquePanelIdsAndTheProvisionedDatasource() {
        JsonNode dashboard = Repository.json(DASHBOARD);
        String datasourceUid = Repository.yaml(DATASOURCES).path("datasources").get(0).path("uid").asString();

        List<Integer> ids = new ArrayList<>();
        for (JsonNode panel : panels(dashboard)) {
            ids.add(panel.path("id").asInt());
            if (!panel.path("type").asString().equals("row")) {
                assertThat(panel.path("datasource").path("uid").asString()).as("datasource of %s", panel.path("title")).isEqualTo(datasourceUid);
                assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
            }
        }
        assertThat(ids).doesNotHaveDuplicates().doesNotContain(0);
        assertThat(dashboard.path("uid").asString()).isNotBlank();
    }

    @Test
    void grafanaFindsTheDashboardAndPrometheusWhereDockerComposePutsThem() {
        ComposeFile compose = ComposeFile.read();
        Map<String, String> grafanaMounts = new LinkedHashMap<>();
        compose.mounts("grafana").forEach(mount -> grafanaMounts.put(mount.target(), mount.source()));

        assertThat(grafanaMounts).containsEntry("/etc/grafana/provisioning", "./ops/grafana/provisioning");
        String providerPath = Repository.yaml(DASHBOARD_PROVIDERS).path("providers").get(0).path("options").path("path").asString();
        String mountedFrom = grafanaMounts.get(providerPath);
        assertThat(mountedFrom).as("docker-compose.yml mounts the provider's path %s", providerPath).isNotNull();
        assertThat(Repository.file(mountedFrom.substring(2) + "/touchpoint-crm.json")).isEqualTo(Repository.file(DASHBOARD));
        assertThat(compose.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"))
                .isEqualTo(providerPath + "/touchpoint-crm.json");

        String prometheusUrl = Repository.yaml(DATASOURCES).path("datasources").get(0).path("url").asString();
        assertThat(prometheusUrl).isEqualTo("http://prometheus:" + compose.ports("prometheus").getFirst().container());
        assertThat(compose.mounts("prometheus")).contains(new ComposeFile.Mount("./ops/prometheus", "/etc/prometheus"));
        assertThat(Repository.yaml("ops/prometheus/prometheus.yml").path("rule_files").get(0).asString())
                .isEqualTo("/etc/prometheus/alerts.yml");
    }

    @Test
    void everyAlertHasASummaryAndARunbookSectionInTheOperationsGuide() {
        String guide = Repository.text(GUIDE);
        Set<String> anchors = new HashSet<>();
        guide.lines().filter(line -> line.startsWith("#"))
                .forEach(heading -> anchors.add(heading.replaceFirst("^#+\\s*", "").toLowerCase().replaceAll("[^a-z0-9 -]", "").replace(' ', '-')));

        for (JsonNode rule : alertRules()) {
            String alert = rule.path("alert").asString();
            assertThat(rule.path("annotations").path("summary").asString()).as("summary of %s", alert).isNotBlank();
            String runbook = rule.path("annotations").path("runbook_url").asString();
            assertThat(runbook).as("runbook of %s", alert).startsWith(GUIDE + "#");
            assertThat(anchors).as("a heading for %s in %s", runbook, GUIDE)
                    .contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    private static Map<String, String> dashboardExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : panels(Repository.json(DASHBOARD))) {
            for (JsonNode target : panel.path("targets")) {
                expressions.put("panel '" + panel.path("title").asString() + "' " + target.path("refId").asString(),
                        target.path("expr").asString());
            }
        }
        return expressions;
    }

    private static Map<String, String> alertExpressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        alertRules().forEach(rule -> expressions.put("alert " + rule.path("alert").asString(), rule.path("expr").asString()));
        return expressions;
    }

    private static List<JsonNode> alertRules() {
        List<JsonNode> rules = new ArrayList<>();
        Repository.yaml(ALERTS).path("groups").forEach(group -> group.path("rules").forEach(rules::add));
        return rules;
    }

    /** Top-level panels and those inside collapsed rows. */
    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> panels = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panels.add(panel);
            panel.path("panels").forEach(panels::add);
        }
        return panels;
    }
}
