package org.touchpointcrm.localstack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The checked-in files the compose tests read: docker-compose.yml, ops/, the services' ymls, docs. */
final class Repository {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = findRoot();

    private Repository() {
    }

    /** A file of the repository, by its path from the root (e.g. {@code ops/prometheus/alerts.yml}). */
    static Path file(String relative) {
        Path file = ROOT.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(relative + " not found under " + ROOT + ": the compose tests read the checked-in file");
        }
        return file;
    }

    static String text(String relative) {
        try {
            return Files.readString(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode yaml(String relative) {
        return parseYaml(text(relative));
    }

    static JsonNode json(String relative) {
        return JSON.readTree(text(relative));
    }

    /**
     * YAML as Compose reads it: anchors, aliases and {@code <<} merge keys resolved (SnakeYAML does;
     * Jackson's YAML reader leaves {@code <<} a plain key), then as a JSON tree for the schema.
     */
    static JsonNode parseYaml(String yaml) {
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        return JSON.valueToTree(document);
    }

    /** Surefire runs in local-stack/; the root is the nearest directory up with docker-compose.yml. */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("ops"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no docker-compose.yml in " + Path.of("").toAbsolutePath() + " or above");
    }
}
