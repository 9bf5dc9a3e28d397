package org.touchpointcrm.ingest.access;

import static org.touchpointcrm.access.Operation.CONSENT_WRITE;
import static org.touchpointcrm.access.Operation.CUSTOMERS_ERASE;
import static org.touchpointcrm.access.Operation.CUSTOMERS_READ;
import static org.touchpointcrm.access.Operation.CUSTOMERS_WRITE;
import static org.touchpointcrm.access.Operation.TOUCHPOINTS_WRITE;

import org.touchpointcrm.access.Routes;

/**
 * Every route of ingest-service and the operations it needs; none is public. A route not declared
 * here is refused, whatever controller maps it (docs/security.md, Routes and scopes).
 */
public final class IngestRoutes {

    /**
     * The touchpoint routes take touchpoint or consent writers: each event is then checked on its own
     * ({@link TouchpointPermissions}), so that a consent writer sends consent only.
     */
    public static final Routes ROUTES = Routes.builder()
            .post("/v1/touchpoints", TOUCHPOINTS_WRITE, CONSENT_WRITE)
            .post("/v1/touchpoints:batch", TOUCHPOINTS_WRITE, CONSENT_WRITE)
            .put("/v1/customers/{customerId}", CUSTOMERS_WRITE)
            .post("/v1/customers:import", CUSTOMERS_WRITE)
            .get("/v1/customers/{customerId}", CUSTOMERS_READ)
            .delete("/v1/customers/{customerId}", CUSTOMERS_ERASE)
            .build();

    private IngestRoutes() {
    }
}
