package org.touchpointcrm.segmentation.access;

import static org.touchpointcrm.access.Operation.CASES_READ;
import static org.touchpointcrm.access.Operation.CASES_WRITE;
import static org.touchpointcrm.access.Operation.INSTANCE_QUERIES;
import static org.touchpointcrm.access.Operation.PROFILES_READ;
import static org.touchpointcrm.access.Operation.SEGMENTS_READ;
import static org.touchpointcrm.access.Operation.SEGMENTS_WRITE;

import org.touchpointcrm.access.Routes;

/**
 * Every route of segmentation-streams and the operations it needs; none is public. A route not
 * declared here is refused, whatever controller maps it (docs/security.md, Routes and scopes).
 * Validating and previewing a rule are steps of writing a definition, so they need SEGMENTS_WRITE.
 * The routes one instance asks another for its part of an answer also take the instances' own key
 * ({@code INSTANCE_QUERIES}, {@link org.touchpointcrm.segmentation.query.PeerInstances}).
 */
public final class SegmentationRoutes {

    public static final Routes ROUTES = Routes.builder()
            .get("/v1/customers/{customerId}/profile", PROFILES_READ, INSTANCE_QUERIES)
            .get("/v1/customers/{customerId}/timeline", PROFILES_READ, INSTANCE_QUERIES)
            .get("/v1/segments", SEGMENTS_READ, INSTANCE_QUERIES)
            .get("/v1/segments/{segmentId}/stats", SEGMENTS_READ, INSTANCE_QUERIES)
            // Members are customer ids: personal data, so PROFILES_READ rather than SEGMENTS_READ.
            .get("/v1/segments/{segmentId}/members", PROFILES_READ, INSTANCE_QUERIES)
            .get("/v1/segments/{segmentId}/members.csv", PROFILES_READ)
            .get("/v1/segment-definitions", SEGMENTS_READ)
            .get("/v1/segment-definitions/{id}", SEGMENTS_READ)
            .post("/v1/segment-definitions", SEGMENTS_WRITE)
            .put("/v1/segment-definitions/{id}", SEGMENTS_WRITE)
            .delete("/v1/segment-definitions/{id}", SEGMENTS_WRITE)
            .post("/v1/segment-definitions:validate", SEGMENTS_WRITE)
            .post("/v1/segment-definitions:preview", SEGMENTS_WRITE, INSTANCE_QUERIES)
            // Cases (docs/cases.md): staff read and act on their stores' suggestions and low ratings.
            .get("/v1/cases", CASES_READ, INSTANCE_QUERIES)
            .get("/v1/cases/{caseId}", CASES_READ, INSTANCE_QUERIES)
            .post("/v1/cases/{caseId}/status", CASES_WRITE)
            .put("/v1/cases/{caseId}/topic", CASES_WRITE)
            .post("/v1/cases/{caseId}/group", CASES_WRITE)
            .build();

    private SegmentationRoutes() {
    }
}
