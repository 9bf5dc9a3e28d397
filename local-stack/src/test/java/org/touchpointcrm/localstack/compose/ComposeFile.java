package org.touchpointcrm.localstack.compose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/** docker-compose.yml, read as Compose resolves it, with the questions the tests ask of it. */
record ComposeFile(JsonNode document) {

    static final String PATH = "docker-compose.yml";

    /** A port published on the host: {@code [ip:]host:container}. */
    record PublishedPort(int host, int container) {
    }

    /** A {@code source:target[:mode]} volume entry. */
    record Mount(String source, String target) {

        boolean isNamedVolume() {
            return !source.startsWith(".") && !source.startsWith("/");
        }
    }

    static ComposeFile read() {
        return new ComposeFile(Repository.yaml(PATH));
    }

    List<String> serviceNames() {
        return List.copyOf(document.get("services").propertyNames());
    }

    JsonNode service(String name) {
        JsonNode service = document.path("services").get(name);
        if (service == null) {
            throw new IllegalArgumentException(PATH + " has no service " + name + "; it has " + serviceNames());
        }
        return service;
    }

    static final String CONSOLE_TARGET = "console";

    /** The pipeline's services built from this repository's Dockerfile (the Kafka clients), by name, with their build target. */
    Map<String, String> crmServices() {
        Map<String, String> targets = new LinkedHashMap<>();
        for (String name : serviceNames()) {
            JsonNode target = service(name).path("build").path("target");
            // The console is built from the Dockerfile too, but is no Kafka client: ComposeFileTest checks it apart.
            if (target.isString() && !CONSOLE_TARGET.equals(target.asString())) {
                targets.put(name, target.asString());
            }
        }
        return targets;
    }

    Map<String, Object> environment(String service) {
        Map<String, Object> environment = new LinkedHashMap<>();
        service(service).path("environment").properties()
                .forEach(entry -> environment.put(entry.getKey(), entry.getValue().asString()));
        return environment;
    }

    Optional<String> image(String service) {
        JsonNode image = service(service).get("image");
        return image == null ? Optional.empty() : Optional.of(image.asString());
    }

    List<PublishedPort> ports(String service) {
        List<PublishedPort> ports = new ArrayList<>();
        for (JsonNode port : service(service).path("ports")) {
            String[] parts = port.asString().split(":");
            ports.add(new PublishedPort(Integer.parseInt(parts[parts.length - 2]),
                    Integer.parseInt(parts[parts.length - 1].replaceAll("/.*", ""))));
        }
        return ports;
    }

    /** The networks a service is on: Compose puts one that names none on {@code default}. */
    List<String> networks(String service) {
        JsonNode networks = service(service).path("networks");
        if (networks.isMissingNode()) {
            return List.of("default");
        }
        if (!networks.isArray()) {
            return List.copyOf(networks.propertyNames());
        }
        List<String> names = new ArrayList<>();
        networks.forEach(network -> names.add(network.asString()));
        return names;
    }

    List<Mount> mounts(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode volume : service(service).path("volumes")) {
            String[] parts = volume.asString().split(":");
            mounts.add(new Mount(parts[0], parts[1]));
        }
        return mounts;
    }
}
