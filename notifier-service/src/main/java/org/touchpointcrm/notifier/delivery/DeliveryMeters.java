package org.touchpointcrm.notifier.delivery;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.Channel;

import io.micrometer.core.instrument.MeterRegistry;

/** {@value #NAME}: every campaign message delivered, by channel and {@link DeliveryOutcome}. */
@Component
public class DeliveryMeters {

    public static final String NAME = "crm.notifier.deliveries";

    private final MeterRegistry registry;

    public DeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void delivered(Channel channel, DeliveryOutcome outcome) {
        registry.counter(NAME, "channel", channel.name(), "outcome", outcome.name()).increment();
    }
}
