package org.touchpointcrm.notifier.reactions;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.notifier.links.LinkSubject;

/**
 * The SMS sends this notifier knows by the gateway's message id (MessageSid): a status callback names
 * only that id, and the touchpoint it becomes needs the send, the customer and the campaign. Fed every
 * entry of the delivery ledger ({@code DeliveryLedger.onEntry}) and keeps the SENT ones; every instance holds
 * all of them, since the gateway may call back any instance.
 */
public class SmsSendIndex {

    private final Map<String, LinkSubject> byProviderId = new ConcurrentHashMap<>();

    /** Takes a ledger entry; only SMS entries that the gateway accepted (SENT, with its id) are kept. */
    public void take(Delivery delivery) {
        if (delivery == null || delivery.getState() != DeliveryState.SENT || delivery.getProviderMessageId() == null) {
            return;
        }
        byProviderId.put(delivery.getProviderMessageId(), new LinkSubject(delivery.getSendId(), delivery.getCustomerId(),
                delivery.getCampaignId(), delivery.getChannel(), null));
    }

    public Optional<LinkSubject> find(String providerMessageId) {
        return Optional.ofNullable(providerMessageId).map(byProviderId::get);
    }
}
