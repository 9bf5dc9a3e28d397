package org.touchpointcrm.segmentation;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** segmentation-streams: live customer profiles and segment membership, exactly once. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class SegmentationApplication {

    /** Its own config name, so that the three services can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(SegmentationApplication.class)
                .properties("spring.config.name=segmentation");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
