package org.touchpointcrm.ingest.customers;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.access.profiles.ProfileQueryClient;

/**
 * segmentation-streams' profile query, which {@code GET /v1/customers/{id}} answers from: ingest-service keeps no
 * copy, the register flows to the profile through Kafka, so the profile is the one place to read a customer back.
 */
@Configuration(proxyBeanMethods = false)
class ProfileQueryConfiguration {

    @Bean
    ProfileQueryClient profileQueryClient(RestClient.Builder builder, ProfileQueryProperties properties) {
        return new ProfileQueryClient(builder, properties.profileQueryUrl(), properties.profileQueryApiKey(),
                "crm.ingest.profile-query-api-key");
    }
}
