package org.touchpointcrm.notifier.access;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeyConfiguration;
import org.touchpointcrm.access.Routes;
import org.touchpointcrm.access.input.HostileInputConfiguration;

/**
 * The shared key mechanism and limits of hostile input (api-access), here with the notifier's keys ({@link NotifierAccessProperties})
 * and routes ({@link NotifierRoutes}).
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiKeyConfiguration.class, HostileInputConfiguration.class})
public class NotifierAccessConfiguration {

    @Bean
    Routes notifierRoutes() {
        return NotifierRoutes.ROUTES;
    }
}
