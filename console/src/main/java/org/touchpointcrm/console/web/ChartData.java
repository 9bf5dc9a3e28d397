package org.touchpointcrm.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What a chart draws, as JSON for the canvas's {@code data-chart} attribute (console.js hands it to
 * Chart.js). Thymeleaf escapes the attribute; the page also shows the same figures as a table.
 */
@Component("chartData")
public class ChartData {

    private final JsonMapper json;

    public ChartData(JsonMapper json) {
        this.json = json;
    }

    /** A stepped line: {@code rows}' {@code x} field along the bottom, {@code y} up. */
    public String line(List<Map<String, Object>> rows, String x, String y, String label) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "line");
        spec.put("stepped", true);
        spec.put("label", label);
        spec.put("labels", rows.stream().map(r -> shortTime(String.valueOf(r.get(x)))).toList());
        spec.put("values", rows.stream().map(r -> r.get(y)).toList());
        return json.writeValueAsString(spec);
    }

    public String bars(List<String> labels, List<?> values, String label) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "bar");
        spec.put("label", label);
        spec.put("labels", labels);
        spec.put("values", values);
        spec.put("colors", List.of("#1f5fa8", "#7a7a7a"));
        return json.writeValueAsString(spec);
    }

    /** 2026-12-07T10:00:00Z as 12-07 10:00. */
    private static String shortTime(String instant) {
        return instant.length() >= 16 ? instant.substring(5, 10) + " " + instant.substring(11, 16) : instant;
    }
}
