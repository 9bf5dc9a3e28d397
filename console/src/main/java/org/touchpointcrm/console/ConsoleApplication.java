package org.touchpointcrm.console;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The marketers' console: pages over the public APIs of ingest-service, segmentation-streams and
 * notifier-service, asked with the signed-in user's own API key (docs/console.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsoleApplication {

    /** Its own config name, so that it can share one classpath with the services in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ConsoleApplication.class).properties("spring.config.name=console");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
