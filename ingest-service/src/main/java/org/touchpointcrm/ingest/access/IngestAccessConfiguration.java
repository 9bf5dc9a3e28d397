package org.touchpointcrm.ingest.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;
import org.touchpointcrm.access.Routes;
import org.touchpointcrm.access.input.HostileInputConfiguration;

/** The shared key mechanism and limits of hostile input (api-access), here with ingest's keys ({@link ApiKeyProperties}) and routes ({@link IngestRoutes}). */
@Configuration(proxyBeanMethods = false)
@Import({ApiKeyConfiguration.class, HostileInputConfiguration.class})
public class IngestAccessConfiguration {

    @Bean
    Routes ingestRoutes() {
        return IngestRoutes.ROUTES;
    }
}
