package org.touchpointcrm.notifier.reactions;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.touchpointcrm.notifier.delivery.DeliveryLedger;

@Configuration(proxyBeanMethods = false)
class SmsSendIndexConfiguration {

    /** Fed by the delivery ledger, which reads crm.deliveries anyway: the topic is read once per instance. */
    @Bean
    SmsSendIndex smsSendIndex(DeliveryLedger ledger) {
        var index = new SmsSendIndex();
        ledger.onEntry(index::take);
        return index;
    }
}
