package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaParser;
import org.junit.jupiter.api.Test;

/**
 * The build's schema evolution check: every named type of the last release (the committed baseline in
 * {@code src/test/released-schemas}, a copy of {@code src/main/avro} as released) can still be read by
 * today's schema of the same name, which is what the registry's BACKWARD rule asks: consumers upgraded first read
 * what the old producers wrote. A release refreshes the baseline (docs/operations.md, Schema evolution).
 */
class BackwardCompatibilityTest {

    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path RELEASED = Path.of("src/test/released-schemas");

    @Test
    void everyReleasedTypeIsReadableByTodaysSchemaOfTheSameName() {
        Map<String, Schema> current = namedSchemas(CURRENT);
        Map<String, Schema> released = namedSchemas(RELEASED);
        assertThat(released).as("the baseline of released schemas").isNotEmpty();

        assertThat(current).as("a released type may not disappear").containsKeys(released.keySet().toArray(String[]::new));
        List<String> incompatible = released.entrySet().stream()
                .filter(old -> !readable(current.get(old.getKey()), old.getValue()))
                .map(old -> old.getKey() + ": " + SchemaCompatibility.checkReaderWriterCompatibility(
                        current.get(old.getKey()), old.getValue()).getResult().getIncompatibilities())
                .toList();
        assertThat(incompatible).as("types whose released data today's schema cannot read").isEmpty();
    }

    @Test
    void aFieldAddedWithoutADefaultIsRefused() {
        Schema released = namedSchemas(RELEASED).get("org.touchpointcrm.avro.TouchpointEvent");
        Schema withRequiredField = new Schema.Parser().parse(released.toString()
                .replaceFirst("\"fields\":\\[", "\"fields\":[{\"name\":\"required\",\"type\":\"string\"},"));

        assertThat(readable(withRequiredField, released)).isFalse();
    }

    private static boolean readable(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }

    /**
     * Every named type (records, enums, fixed) defined by the .avsc files under a directory, by full name. A file is
     * parsed after the files whose types it uses (a default names an enum symbol, so the enum must come first), as the
     * avro-maven-plugin's imports order them: each pass takes the files that parse after those already taken.
     */
    static Map<String, Schema> namedSchemas(Path directory) {
        List<Path> remaining;
        try (Stream<Path> files = Files.walk(directory)) {
            remaining = new ArrayList<>(files.filter(f -> f.toString().endsWith(".avsc")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> ordered = new ArrayList<>();
        while (!remaining.isEmpty()) {
            List<Path> parsed = remaining.stream().filter(file -> parses(ordered, file)).toList();
            if (parsed.isEmpty()) {
                throw new IllegalStateException("these schemas use types no other file defines: " + remaining);
            }
            ordered.addAll(parsed);
            remaining.removeAll(parsed);
        }
        SchemaParser parser = parserOf(ordered);
        Map<String, Schema> named = new TreeMap<>();
        parser.getParsedNamedSchemas().forEach(schema -> named.put(schema.getFullName(), schema));
        return named;
    }

    private static boolean parses(List<Path> before, Path file) {
        try {
            parserOf(before).parse(file);
            return true;
        } catch (AvroRuntimeException | IOException e) {
            return false;
        }
    }

    private static SchemaParser parserOf(List<Path> files) {
        var parser = new SchemaParser();
        try {
            for (Path file : files) {
                parser.parse(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parser;
    }
}
