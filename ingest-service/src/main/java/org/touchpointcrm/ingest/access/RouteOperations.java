package org.touchpointcrm.ingest.access;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.RouteScopes;

/** Which operation a route of ingest-service needs. Every {@code /v1} route needs a key; routes not listed need only that. */
@Component
public class RouteOperations implements RouteScopes {

    @Override
    public String guardedPrefix() {
        return "/v1/";
    }

    @Override
    public Optional<Operation> of(String method, String path) {
        if (path.startsWith("/v1/touchpoints") && "POST".equals(method)) {
            return Optional.of(Operation.TOUCHPOINTS_WRITE);
        }
        if (path.startsWith("/v1/customers")) {
            return switch (method) {
                case "GET" -> Optional.of(Operation.CUSTOMERS_READ);
                case "DELETE" -> Optional.of(Operation.CUSTOMERS_ERASE);
                case "PUT", "POST" -> Optional.of(Operation.CUSTOMERS_WRITE);
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /** Touchpoint routes accept either touchpoint or consent writers; each event is checked again. */
    @Override
    public boolean permits(ApiClient client, Operation needed) {
        return client.may(needed) || (needed == Operation.TOUCHPOINTS_WRITE && client.may(Operation.CONSENT_WRITE));
    }
}
