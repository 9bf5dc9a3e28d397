package org.touchpointcrm.notifier.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.platform.acls.KafkaPrincipals;

/**
 * Reads the decisions (read_committed: they are written transactionally) and delivers the SEND ones. Offsets
 * are committed after the listener returns, so after the outcome is in the ledger.
 */
@Component
public class CampaignMessageListener {

    private final DeliverCampaignMessage delivery;

    public CampaignMessageListener(DeliverCampaignMessage delivery) {
        this.delivery = delivery;
    }

    @KafkaListener(id = "campaign-delivery", groupId = KafkaPrincipals.NOTIFIER_DELIVERY_GROUP,
            containerFactory = DeliveryConfiguration.CONTAINER_FACTORY,
            topics = "#{T(org.touchpointcrm.schemas.Topics).CAMPAIGN_MESSAGES.name()}")
    public void deliver(ConsumerRecord<String, CampaignMessage> record) {
        delivery.deliver(record);
    }
}
