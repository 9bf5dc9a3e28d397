package org.touchpointcrm.access.input;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link InputLimits} as beans, for a service to {@code @Import} next to its key mechanism: the
 * JSON limits on the service's mapper and the body cap on its JSON routes. Imported, not
 * auto-configured, like {@link org.touchpointcrm.access.ApiKeyConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InputLimits.class)
public class HostileInputConfiguration {

    @Bean
    JsonLimits jsonLimits(InputLimits limits) {
        return new JsonLimits(limits);
    }

    @Bean
    RequestBodyLimitFilter requestBodyLimitFilter(InputLimits limits, JsonMapper json) {
        return new RequestBodyLimitFilter(limits, json);
    }
}
