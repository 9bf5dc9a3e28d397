package org.touchpointcrm.localstack.compose;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.JsonNode;

/**
 * Finds topic names in configuration that the catalogue ({@link Topics#ALL}) does not have. Only
 * values are read: keys such as {@code crm.kafka.schema-registry-url} are property names.
 */
final class CatalogueTopicNames {

    /** crm.something, not inside a longer name (touchpoint-crm.x) or a dotted key's middle. */
    private static final Pattern TOPIC_LIKE = Pattern.compile("(?<![\\w.-])crm\\.[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Set<String> CATALOGUE = Topics.ALL.stream().map(Topic::name).collect(Collectors.toUnmodifiableSet());

    private CatalogueTopicNames() {
    }

    /** "file: value" for every topic-like name in a value of {@code tree} that is not in the catalogue. */
    static List<String> unknownIn(String file, JsonNode tree) {
        List<String> unknown = new ArrayList<>();
        collect(file, tree, unknown);
        return unknown;
    }

    private static void collect(String file, JsonNode node, List<String> unknown) {
        if (node.isContainer()) {
            node.values().forEach(child -> collect(file, child, unknown));
        } else if (node.isString()) {
            Matcher matcher = TOPIC_LIKE.matcher(node.asString());
            while (matcher.find()) {
                if (!CATALOGUE.contains(matcher.group())) {
                    unknown.add(file + ": " + matcher.group() + " (in \"" + node.asString() + "\")");
                }
            }
        }
    }
}
