package org.touchpointcrm.notifier.delivery;

import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

/** Hands one message to the provider of a channel: the SMTP server, the SMS gateway. */
public interface HandOver {

    Channel channel();

    /**
     * True if the provider takes the send id as an idempotency key, so that a send a crash left without an
     * outcome can be handed over again and is still delivered at most once.
     */
    boolean idempotent();

    /**
     * @return the provider's id of the message, or null if it gives none
     * @throws DeliveryFailure if the provider did not take it, or may not have
     */
    String handOver(CampaignMessage message);
}
