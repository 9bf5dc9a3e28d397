package org.touchpointcrm.notifier.access;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;

/**
 * The shared key mechanism (api-access), here with the notifier's keys ({@link NotifierAccessProperties})
 * and routes ({@link CampaignScopes}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ApiKeyConfiguration.class)
class NotifierAccessConfiguration {
}
