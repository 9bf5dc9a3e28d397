package org.touchpointcrm.segmentation.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;
import org.touchpointcrm.access.Routes;

/**
 * The shared key mechanism (api-access), the same as ingest-service's, here with segmentation's
 * keys ({@link SegmentationAccessProperties}) and routes ({@link SegmentationRoutes}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeyConfiguration.class)
public class SegmentationAccessConfiguration {

    @Bean
    Routes segmentationRoutes() {
        return SegmentationRoutes.ROUTES;
    }
}
