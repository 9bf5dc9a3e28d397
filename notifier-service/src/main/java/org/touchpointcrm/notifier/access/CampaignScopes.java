package org.touchpointcrm.notifier.access;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.ReadWriteScopes;

/**
 * Only {@code /v1/campaigns} needs a key: reading needs {@link Operation#CAMPAIGNS_READ} (the campaigns
 * and their results, {@code GET /v1/campaigns/{id}/results}), everything else (create, change, end,
 * {@code :validate}, {@code :render}) needs {@link Operation#CAMPAIGNS_WRITE}. The actuator stays open as
 * it was, and so do the reactions: customers' clients call the signed links ({@code /l/...}) and the SMS
 * gateway its webhooks ({@code /sms/...}), neither with a key; the link's signature and the gateway's
 * X-Twilio-Signature are their proof instead.
 */
@Component
public class CampaignScopes extends ReadWriteScopes {

    public CampaignScopes() {
        super("/v1/campaigns", Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE);
    }
}
