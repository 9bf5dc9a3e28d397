package org.touchpointcrm.rules;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * Every dotted path into the customer profile that a marketer's text may name, e.g.
 * {@code profile.master.firstName}, derived from the Avro schema of {@link CustomerProfile} with the
 * same fields hidden as from rules ({@link ProfileSchema}): campaign templates are checked against it,
 * so templates and schema cannot drift apart.
 */
public final class ProfilePaths {

    /** What a path leads to: a value to print, a record to step into, or a list or map to repeat over. */
    public enum Kind { VALUE, RECORD, LIST, MAP }

    /**
     * @param kind           what the path leads to
     * @param elementFields  for a list or map of records, the fields of one element (a section over it
     *                       names them without the path); empty otherwise
     */
    public record Path(Kind kind, Set<String> elementFields) {
    }

    /** The variable that holds the profile. */
    public static final String ROOT = "profile";

    private static final ProfilePaths INSTANCE = new ProfilePaths(CustomerProfile.getClassSchema());

    private final Map<String, Path> paths;

    private ProfilePaths(Schema profile) {
        Map<String, Path> found = new LinkedHashMap<>();
        found.put(ROOT, new Path(Kind.RECORD, Set.of()));
        collect(profile, ROOT, ProfileSchema.HIDDEN_PROFILE_FIELDS, found);
        this.paths = Collections.unmodifiableMap(found);
    }

    public static ProfilePaths instance() {
        return INSTANCE;
    }

    /** Every path, in schema order, {@code profile} first. */
    public Map<String, Path> all() {
        return paths;
    }

    public Optional<Path> find(String path) {
        return Optional.ofNullable(paths.get(path));
    }

    /** The known path closest to a misspelt one, if one is close. */
    public Optional<String> didYouMean(String path) {
        return ProblemMessages.didYouMean(path, paths.keySet());
    }

    private static void collect(Schema record, String prefix, Set<String> hidden, Map<String, Path> found) {
        for (Schema.Field field : record.getFields()) {
            if (hidden.contains(field.name())) {
                continue;
            }
            String path = prefix + "." + field.name();
            Schema schema = ProfileSchema.nonNull(field.schema(), path);
            switch (schema.getType()) {
                case RECORD -> {
                    found.put(path, new Path(Kind.RECORD, Set.of()));
                    collect(schema, path, Set.of(), found);
                }
                case ARRAY -> found.put(path, new Path(Kind.LIST, fieldsOf(ProfileSchema.nonNull(schema.getElementType(), path + "[]"))));
                case MAP -> found.put(path, new Path(Kind.MAP, fieldsOf(ProfileSchema.nonNull(schema.getValueType(), path + "{}"))));
                default -> found.put(path, new Path(Kind.VALUE, Set.of()));
            }
        }
    }

    private static Set<String> fieldsOf(Schema element) {
        if (element.getType() != Schema.Type.RECORD) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(
                element.getFields().stream().map(Schema.Field::name).toList()));
    }
}
