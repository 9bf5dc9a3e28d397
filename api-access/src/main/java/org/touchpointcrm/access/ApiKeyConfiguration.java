package org.touchpointcrm.access;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The key mechanism as beans, for a service to {@code @Import} from a configuration of its own that
 * also supplies its {@link AccessProperties} and its {@link Routes}. Imported, not auto-configured:
 * only a service that names its keys and routes wants it, and the services share one classpath in
 * the local stack. The filter guards the service's own port only: actuator and the API description
 * are on the management port (its own server, to which the application's filters do not apply).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLimitProperties.class)
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
    RequestLimits requestLimits(RequestLimitProperties properties) {
        return new RequestLimits(properties);
    }

    @Bean
    ApiKeyFilter apiKeyFilter(ApiKeys keys, Routes routes, RequestLimits limits, JsonMapper json) {
        return new ApiKeyFilter(keys, routes, limits, json);
    }
}
