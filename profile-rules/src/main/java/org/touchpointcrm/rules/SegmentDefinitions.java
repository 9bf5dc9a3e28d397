package org.touchpointcrm.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads segment definitions from YAML: a top-level {@code segments} list whose entries have exactly
 * {@code id}, {@code version}, {@code name}, {@code description} and {@code rule}. Only the shape is
 * checked here; whether a rule compiles is the {@link ProfileRuleCompiler}'s business.
 *
 * <pre>
 * segments:
 *   - id: loyal
 *     version: 1
 *     name: Loyal customers
 *     description: Bought recently and often.
 *     rule: profile.rfm.frequency &gt;= 4 &amp;&amp; profile.rfm.recency &gt;= 4
 * </pre>
 */
public final class SegmentDefinitions {

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> KEYS = Set.of("id", "version", "name", "description", "rule");

    private SegmentDefinitions() {}

    /** Whether a text is a valid segment id: lower-case kebab-case, a-z, 0-9 and single '-'. */
    public static boolean isValidId(String id) {
        return id != null && KEBAB_CASE.matcher(id).matches();
    }

    /**
     * Reads every segment of one file, in file order.
     *
     * @param source the file's name, for messages
     * @throws SegmentDefinitionException naming the file, the segment and the problem
     */
    public static List<SegmentSpec> read(InputStream in, String source) {
        Object document;
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            options.setAllowRecursiveKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(reader);
        } catch (YAMLException e) {
            throw new SegmentDefinitionException(source + ": not valid YAML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new SegmentDefinitionException(source + ": cannot be read: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> root) || !(root.get("segments") instanceof List<?> entries)) {
            throw new SegmentDefinitionException(source + ": expected a top-level 'segments:' list");
        }
        List<SegmentSpec> specs = new ArrayList<>(entries.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            SegmentSpec spec = spec(entries.get(i), source, i + 1);
            if (!ids.add(spec.id())) {
                throw new SegmentDefinitionException(source + ", segment '" + spec.id() + "': the id is used twice");
            }
            specs.add(spec);
        }
        return List.copyOf(specs);
    }

    private static SegmentSpec spec(Object entry, String source, int position) {
        String where = source + ", segment #" + position;
        if (!(entry instanceof Map<?, ?> fields)) {
            throw new SegmentDefinitionException(where + ": expected id, version, name, description and rule");
        }
        Object rawId = fields.get("id");
        if (rawId instanceof String id && !id.isBlank()) {
            where = source + ", segment '" + id + "'";
            if (!isValidId(id)) {
                throw new SegmentDefinitionException(where + ": the id must be kebab-case (a-z, 0-9 and single '-')");
            }
        } else {
            throw new SegmentDefinitionException(where + ": 'id' is missing or not text");
        }
        for (Object key : fields.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new SegmentDefinitionException(where + ": unknown key '" + key + "' (expected " + KEYS + ")");
            }
        }
        if (!(fields.get("version") instanceof Integer version) || version < 1) {
            throw new SegmentDefinitionException(where + ": 'version' must be a whole number from 1 up");
        }
        return new SegmentSpec(id, version, text(fields, "name", where), oneLine(text(fields, "description", where), where),
                text(fields, "rule", where));
    }

    private static String text(Map<?, ?> fields, String key, String where) {
        if (fields.get(key) instanceof String value && !value.isBlank()) {
            return value.strip();
        }
        throw new SegmentDefinitionException(where + ": '" + key + "' is missing or not text");
    }

    private static String oneLine(String description, String where) {
        if (description.contains("\n")) {
            throw new SegmentDefinitionException(where + ": 'description' must be one line");
        }
        return description;
    }
}
