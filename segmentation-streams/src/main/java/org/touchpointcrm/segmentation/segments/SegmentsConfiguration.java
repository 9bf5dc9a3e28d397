package org.touchpointcrm.segmentation.segments;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The segments this instance evaluates. */
@Configuration(proxyBeanMethods = false)
class SegmentsConfiguration {

    @Bean
    SegmentEvaluator segmentEvaluator() {
        return new SegmentEvaluator(BuiltInSegments.ALL);
    }
}
