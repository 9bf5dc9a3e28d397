package org.touchpointcrm.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** ingest-service: the front door through which channel systems send touchpoints. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IngestApplication {

    /** Its own config name, so that the three services can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=ingest");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
