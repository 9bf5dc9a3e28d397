package org.touchpointcrm.notifier.delivery;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.touchpointcrm.platform.acls.KafkaPrincipals;

/**
 * Reads the decisions (read_committed: they are written transactionally) a poll at a time and delivers the SEND
 * ones, many in flight ({@link DeliverBatch}). Offsets are committed after the listener returns, so after the
 * outcomes are in the ledger.
 */
@Component
public class CampaignMessageListener {

    private final DeliverBatch delivery;

    public CampaignMessageListener(DeliverBatch delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = "campaign-delivery", groupId = KafkaPrincipals.NOTIFIER_DELIVERY_GROUP,
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            topics = "#{T(org.touchpointcrm.schemas.Topics).CAMPAIGN_MESSAGES.name()}",
            // Read as bytes and deserialised by the delivery, so that a dead letter keeps the bytes it came with.
            properties = "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer")
    public void deliver(List<ConsumerRecord<String, byte[]>> records) {
        delivery.deliverRead(records);
    }
}
