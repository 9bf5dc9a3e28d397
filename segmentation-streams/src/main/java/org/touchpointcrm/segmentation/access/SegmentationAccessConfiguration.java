package org.touchpointcrm.segmentation.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;

/**
 * The shared key mechanism (api-access), the same as ingest-service's, here with segmentation's
 * keys ({@link SegmentationAccessProperties}) and routes ({@link SegmentDefinitionScopes}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeyConfiguration.class)
class SegmentationAccessConfiguration {
}
