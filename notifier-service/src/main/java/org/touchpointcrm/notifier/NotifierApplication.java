package org.touchpointcrm.notifier;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.kafka.annotation.EnableKafkaStreams;

/** notifier-service: segment changes become campaign decisions, and decisions become messages. */
@SpringBootApplication
@EnableKafkaStreams
@ConfigurationPropertiesScan
public class NotifierApplication {

    /** Its own config name, so that the three services can share one classpath in the local stack. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(NotifierApplication.class).properties("spring.config.name=notifier");
    }

    public static void main(String[] args) {
        application().run(args);
    }
}
