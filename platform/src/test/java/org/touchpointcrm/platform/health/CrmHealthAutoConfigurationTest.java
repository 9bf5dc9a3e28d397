package org.touchpointcrm.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class CrmHealthAutoConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, CrmHealthAutoConfiguration.class));

    @Test
    void aProducingServiceGetsTheBrokerCheckUnderTheNameItsReadinessGroupIncludes() {
        // Spring Boot names a contributor after its bean, less the "HealthIndicator" suffix: "kafkaBroker".
        context.run(started -> assertThat(started).hasSingleBean(KafkaBrokerReadiness.class)
                .hasBean("kafkaBrokerHealthIndicator")
                .doesNotHaveBean(KafkaStreamsReadiness.class));
    }

    @Test
    void withoutActuatorNothingIsAdded() {
        context.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(started -> assertThat(started).doesNotHaveBean(KafkaBrokerReadiness.class));
    }

    @Test
    void theBrokerCheckCanBeSwitchedOff() {
        context.withPropertyValues("management.health.kafka-broker.enabled=false")
                .run(started -> assertThat(started).doesNotHaveBean(KafkaBrokerReadiness.class));
    }
}
