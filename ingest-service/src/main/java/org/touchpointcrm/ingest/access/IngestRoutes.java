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
            // Segment's tracking API (docs/ingest.md): its calls never carry consent. An identify writes master data
            // as well only for a key that also holds CUSTOMERS_WRITE.
            .post("/v1/track", TOUCHPOINTS_WRITE)
            .post("/v1/identify", TOUCHPOINTS_WRITE)
            .post("/v1/page", TOUCHPOINTS_WRITE)
            .post("/v1/screen", TOUCHPOINTS_WRITE)
            .post("/v1/alias", TOUCHPOINTS_WRITE)
            .post("/v1/batch", TOUCHPOINTS_WRITE)
            .post("/v1/import", TOUCHPOINTS_WRITE)
            .post("/v1/import/", TOUCHPOINTS_WRITE)
            .build();

    private IngestRoutes() {
    }
}
