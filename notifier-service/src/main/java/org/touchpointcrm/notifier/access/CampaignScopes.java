package org.touchpointcrm.notifier.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.RouteScopes;

/**
 * Only {@code /v1/campaigns} needs a key: reading needs {@link Operation#CAMPAIGNS_READ}, everything
 * else (create, change, end, {@code :validate}, {@code :render}) needs {@link Operation#CAMPAIGNS_WRITE}.
 * The actuator stays open as it was.
 */
@Component
public class CampaignScopes implements RouteScopes {

    /** HEAD too: Spring MVC answers it from the GET mappings. */
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    public String guardedPrefix() {
        return "/v1/campaigns";
    }

    /** A method that is not a read needs the write scope, so that a route added later is never open to readers. */
    @Override
    public Optional<Operation> of(String method, String path) {
        return Optional.of(READS.contains(method) ? Operation.CAMPAIGNS_READ : Operation.CAMPAIGNS_WRITE);
    }
}
