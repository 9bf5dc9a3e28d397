package org.touchpointcrm.console.segments;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule editor's fields as the form posts them; {@code version} is the ETag the definition was read at,
 * sent back as If-Match so that a change someone made meanwhile is refused (412) rather than overwritten.
 */
public record SegmentForm(String id, String name, String description, String rule, String status, String version) {

    static SegmentForm empty() {
        return new SegmentForm("", "", "", "", "ACTIVE", null);
    }

    static SegmentForm of(Map<String, Object> definition, String etag) {
        return new SegmentForm(text(definition.get("id")), text(definition.get("name")), text(definition.get("description")),
                text(definition.get("rule")), text(definition.get("status")), etag);
    }

    /** The API's body: blank description left out. */
    Map<String, Object> body(boolean withId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (withId) {
            body.put("id", id == null ? null : id.strip());
        }
        body.put("name", name);
        if (description != null && !description.isBlank()) {
            body.put("description", description);
        }
        body.put("rule", rule);
        if (status != null && !status.isBlank()) {
            body.put("status", status);
        }
        return body;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
