package org.touchpointcrm.ingest.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;
import org.touchpointcrm.access.Routes;

/** The shared key mechanism (api-access), here with ingest's keys ({@link ApiKeyProperties}) and routes ({@link IngestRoutes}). */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeyConfiguration.class)
public class IngestAccessConfiguration {

    @Bean
    Routes ingestRoutes() {
        return IngestRoutes.ROUTES;
    }
}
