package org.touchpointcrm.platform.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DeadLetterCounterTest {

    @Test
    void theStreamsSettingsNameTheCountingHandlersTheTopicAndTheRegistry() {
        var registry = new SimpleMeterRegistry();

        Map<String, Object> config = DeadLetterCounter.streamsConfig("crm.dlq.test", registry);

        assertThat(config).containsEntry(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "crm.dlq.test")
                .containsEntry(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, CountingLogAndContinueHandler.class)
                .containsEntry(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, CountingLogAndContinueHandler.class)
                .containsEntry(DeadLetterCounter.METER_REGISTRY_CONFIG, registry);
    }

    @Test
    void aHandlerConfiguredWithoutARegistryRefusesToStartAndSaysHowToGiveOne() {
        var handler = new CountingLogAndContinueHandler();

        assertThatThrownBy(() -> handler.configure(Map.of(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "crm.dlq.test")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(DeadLetterCounter.METER_REGISTRY_CONFIG)
                .hasMessageContaining("DeadLetterCounter.streamsConfig");
    }
}
