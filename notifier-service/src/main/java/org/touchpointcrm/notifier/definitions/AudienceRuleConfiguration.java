package org.touchpointcrm.notifier.definitions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.touchpointcrm.rules.ProfileRuleCompiler;

/** One rule compiler for the service: audiences are compiled as segmentation compiles segments, with the default limits. */
@Configuration(proxyBeanMethods = false)
class AudienceRuleConfiguration {

    @Bean
    ProfileRuleCompiler profileRuleCompiler() {
        return new ProfileRuleCompiler();
    }
}
