package org.touchpointcrm.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The segments every installation starts with (loyal, repeat, life-cycle stages, key accounts, one
 * per Finnish region, e-mail engagement, feedback, consent), read from
 * {@code org/touchpointcrm/rules/built-in-segments.yml} on the class path. They are defaults: run-time
 * changes go through the admin API and the compacted definitions topic.
 */
public final class BuiltInSegments {

    /** The resource the built-in definitions are read from. */
    public static final String RESOURCE = "built-in-segments.yml";

    private BuiltInSegments() {}

    /** The built-in segments in file order. @throws SegmentDefinitionException if the file is broken */
    public static List<SegmentSpec> load() {
        String source = "org/touchpointcrm/rules/" + RESOURCE;
        try (InputStream in = BuiltInSegments.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new SegmentDefinitionException(source + ": not on the class path");
            }
            return SegmentDefinitions.read(in, source);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read", e);
        }
    }
}
