package org.touchpointcrm.localstack.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * What a compose service's Spring Boot application is configured with: its container environment
 * read as Spring Boot reads environment variables (relaxed binding, {@code _0_} for list indexes),
 * over its own yml, as the running service would see them. A mistyped variable name binds nothing.
 */
final class ServiceConfiguration {

    /** The yml each Dockerfile target runs with (the service's {@code spring.config.name}). */
    private static final Map<String, String> YML_BY_TARGET = Map.of(
            "ingest-service", "ingest-service/src/main/resources/ingest.yml",
            "segmentation-streams", "segmentation-streams/src/main/resources/segmentation.yml",
            "notifier-service", "notifier-service/src/main/resources/notifier.yml");

    private final Binder binder;

    private ServiceConfiguration(Binder binder) {
        this.binder = binder;
    }

    static ServiceConfiguration of(ComposeFile compose, String service) {
        String target = compose.crmServices().get(service);
        if (target == null || !YML_BY_TARGET.containsKey(target)) {
            throw new IllegalArgumentException(service + " is not built from the Dockerfile's service targets " + YML_BY_TARGET.keySet());
        }
        var sources = new MutablePropertySources();
        // The name matters: Spring Boot maps names like CRM_KAFKA_X only for the system environment source.
        sources.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                compose.environment(service)));
        try {
            new YamlPropertySourceLoader().load(YML_BY_TARGET.get(target), new FileSystemResource(Repository.file(YML_BY_TARGET.get(target))))
                    .forEach(sources::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ServiceConfiguration(new Binder(ConfigurationPropertySources.from(sources),
                new PropertySourcesPlaceholdersResolver(sources)));
    }

    <T> T bind(String prefix, Class<T> type) {
        return binder.bind(prefix, Bindable.of(type)).orElseThrow(
                () -> new AssertionError("nothing configured under " + prefix));
    }

    String property(String name) {
        return bind(name, String.class);
    }

    Map<String, String> map(String prefix) {
        return binder.bind(prefix, Bindable.mapOf(String.class, String.class)).orElse(Map.of());
    }
}
