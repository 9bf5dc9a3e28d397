package org.touchpointcrm.ingest.access;

import java.util.Optional;

/** Which operation a route needs. Routes not listed need only a valid key. */
final class RouteOperations {

    private RouteOperations() {
    }

    static Optional<Operation> of(String method, String path) {
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

    static String describe(Operation operation) {
        return switch (operation) {
            case TOUCHPOINTS_WRITE -> "send touchpoints";
            case CONSENT_WRITE -> "send consent changes";
            case CUSTOMERS_WRITE -> "write customer master data";
            case CUSTOMERS_READ -> "read customers";
            case CUSTOMERS_ERASE -> "file erasure requests";
        };
    }
}
