package org.touchpointcrm.notifier.access;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.ReadWriteScopes;

/**
 * Only {@code /v1/campaigns} needs a key: reading needs {@link Operation#CAMPAIGNS_READ}, everything
 * else (create, change, end, {@code :validate}, {@code :render}) needs {@link Operation#CAMPAIGNS_WRITE}.
 * The actuator stays open as it was.
 */
@Component
public class CampaignScopes extends ReadWriteScopes {

    public CampaignScopes() {
        super("/v1/campaigns", Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE);
    }
}
