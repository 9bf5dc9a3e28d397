package org.touchpointcrm.segmentation.hygiene;

import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import io.micrometer.core.instrument.MeterRegistry;

/** Applies {@link DeadLetters#streamsConfig} to the application's Kafka Streams. */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    StreamsBuilderFactoryBeanConfigurer deadLetters(MeterRegistry meters) {
        return factoryBean -> {
            Properties config = factoryBean.getStreamsConfiguration();
            config.putAll(DeadLetters.streamsConfig(meters));
            factoryBean.setStreamsConfiguration(config);
        };
    }
}
