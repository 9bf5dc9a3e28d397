package org.touchpointcrm.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.touchpointcrm.access.examples.ExampleSecretsGuard;

import tools.jackson.databind.json.JsonMapper;

/**
 * The key mechanism as beans, for a service to {@code @Import} from a configuration of its own that
 * also supplies its {@link AccessProperties} and {@link RouteScopes}. Imported, not auto-configured:
 * only a service that names its keys and routes wants it, and the services share one classpath in
 * the local stack.
 */
@Configuration(proxyBeanMethods = false)
public class ApiKeyConfiguration {

    /** Every service that has keys refuses the local stack's example secrets at start (docs/security.md, Secrets). */
    @Bean
    static ExampleSecretsGuard exampleSecretsGuard() {
        return new ExampleSecretsGuard();
    }

    @Bean
    ApiKeys apiKeys(AccessProperties properties) {
        return new ApiKeys(properties);
    }

    @Bean
    ApiKeyFilter apiKeyFilter(ApiKeys keys, RouteScopes routes, JsonMapper json) {
        return new ApiKeyFilter(keys, routes, json);
    }
}
