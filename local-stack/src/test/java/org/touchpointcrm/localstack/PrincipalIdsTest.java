package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;
import org.touchpointcrm.platform.acls.KafkaPrincipals;

/** The ACLs are granted on the ids the services really use: their Streams application ids. */
class PrincipalIdsTest {

    @Test
    void theStreamsAppsApplicationIdsAreTheOnesTheirAclsName() {
        assertThat(yaml("segmentation.yml").getProperty("spring.kafka.streams.application-id"))
                .isEqualTo(KafkaPrincipals.SEGMENTATION_APPLICATION_ID);
        assertThat(yaml("notifier.yml").getProperty("spring.kafka.streams.application-id"))
                .isEqualTo(KafkaPrincipals.NOTIFIER_APPLICATION_ID);
    }

    private static Properties yaml(String resource) {
        var factory = new YamlPropertiesFactoryBean();
        factory.setResources(new ClassPathResource(resource));
        return factory.getObject();
    }
}
