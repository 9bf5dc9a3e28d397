package org.touchpointcrm.segmentation.access;

import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.RouteScopes;

/**
 * Only {@code /v1/segment-definitions} needs a key: reading needs {@link Operation#SEGMENTS_READ},
 * everything else (create, change, retire, {@code :validate}, {@code :preview}) needs
 * {@link Operation#SEGMENTS_WRITE}. The other routes of the service ({@code /v1/segments},
 * {@code /v1/customers/{id}/profile}) stay open as they were: ingest-service, for one, asks the
 * profile query without a key.
 */
@Component
public class SegmentDefinitionScopes implements RouteScopes {

    /** HEAD too: Spring MVC answers it from the GET mappings. */
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    public String guardedPrefix() {
        return "/v1/segment-definitions";
    }

    /** A method that is not a read needs the write scope, so that a route added later is never open to readers. */
    @Override
    public Optional<Operation> of(String method, String path) {
        return Optional.of(READS.contains(method) ? Operation.SEGMENTS_READ : Operation.SEGMENTS_WRITE);
    }
}
