package org.touchpointcrm.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Apicurio schema registry (its Quarkus fast-jar from Maven Central, unpacked by the build) as
 * a child process on 127.0.0.1, with in-memory storage. Started with this JVM's own java, which the
 * build guarantees is 21+; stopped by its process id.
 */
public final class EmbeddedRegistry implements AutoCloseable {

    /** Property naming the unpacked distribution; the build sets it (see local-stack/pom.xml). */
    public static final String HOME_PROPERTY = "crm.registry.home";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final URI url;

    private EmbeddedRegistry(Process process, URI url) {
        this.process = process;
        this.url = url;
    }

    public static EmbeddedRegistry start(Path registryHome, int port, int managementPort, Path log) throws IOException, InterruptedException {
        // The child runs in its home directory: a relative path would be resolved twice.
        Path home = registryHome.toAbsolutePath();
        Path jar = home.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("schema registry not found at " + jar + ": build first (./mvnw -DskipTests install), "
                    + "or point -D" + HOME_PROPERTY + " at an unpacked apicurio-registry-app distribution");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx256m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.console.enable=false", "-Dquarkus.log.file.enable=false",
                "-jar", jar.toString());
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var registry = new EmbeddedRegistry(process, URI.create("http://127.0.0.1:" + port));
        try {
            registry.awaitReady(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"), log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private void awaitReady(URI health, Path log) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("schema registry exited with " + process.exitValue() + "; see " + log);
                }
                try {
                    var response = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notListeningYet) {
                    // the process is still starting; asked again below
                }
                // Polls a child process we started; there is no event to wait on instead.
                process.waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("schema registry not ready within " + READY_TIMEOUT + "; see " + log);
    }

    public URI url() {
        return url;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
