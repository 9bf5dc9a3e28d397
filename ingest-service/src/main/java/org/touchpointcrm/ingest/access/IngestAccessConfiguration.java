package org.touchpointcrm.ingest.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;

/** The shared key mechanism (api-access), here with ingest's keys ({@link ApiKeyProperties}) and routes ({@link RouteOperations}). */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeyConfiguration.class)
class IngestAccessConfiguration {
}
