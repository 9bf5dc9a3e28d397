package org.touchpointcrm.notifier.reactions;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

@Configuration(proxyBeanMethods = false)
class SmsSendIndexConfiguration {

    @Bean
    SmsSendIndexReader smsSendIndexReader(KafkaProperties kafka, CrmSerdes serdes, SmsSendIndex index) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        // Assigned, not subscribed: every instance reads every partition, and there is nothing to commit.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "notifier-sms-send-index");
        return new SmsSendIndexReader(config, serdes.key(Topics.DELIVERIES).deserializer(),
                serdes.value(Topics.DELIVERIES).deserializer(), index);
    }
}
