package org.touchpointcrm.segmentation.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;
import org.touchpointcrm.access.Routes;
import org.touchpointcrm.access.input.HostileInputConfiguration;

/**
 * The shared key mechanism and limits of hostile input (api-access), the same as ingest-service's, here with segmentation's
 * keys ({@link SegmentationAccessProperties}) and routes ({@link SegmentationRoutes}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiKeyConfiguration.class, HostileInputConfiguration.class})
public class SegmentationAccessConfiguration {

    @Bean
    Routes segmentationRoutes() {
        return SegmentationRoutes.ROUTES;
    }
}
