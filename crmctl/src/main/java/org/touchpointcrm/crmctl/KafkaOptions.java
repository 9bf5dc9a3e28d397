package org.touchpointcrm.crmctl;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import picocli.CommandLine.Option;

/** How a command reaches Kafka, as Kafka's own tools take it: a bootstrap address and a client properties file. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-server", defaultValue = "localhost:9092", paramLabel = "HOST:PORT",
            description = "Kafka's bootstrap address (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Client properties for a secured cluster (security.protocol, sasl.*, ssl.*), as for kafka-topics.sh.")
    Path commandConfig;

    @Option(names = "--timeout", defaultValue = "10", paramLabel = "SECONDS",
            description = "How long to wait for an answer from Kafka before giving up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Connects and checks, within the timeout, that the cluster answers. */
    public KafkaConnection connect() {
        return KafkaConnection.open(bootstrapServers, commandConfig(), Duration.ofSeconds(timeoutSeconds));
    }

    private Properties commandConfig() {
        Properties properties = new Properties();
        if (commandConfig != null) {
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new CrmctlException("--command-config " + commandConfig + " could not be read (" + e
                        + "); give a readable properties file, as for Kafka's own tools", e);
            }
        }
        return properties;
    }
}
