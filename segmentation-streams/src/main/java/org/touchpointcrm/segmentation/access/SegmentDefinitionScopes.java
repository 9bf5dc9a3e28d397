package org.touchpointcrm.segmentation.access;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.ReadWriteScopes;

/**
 * Only {@code /v1/segment-definitions} needs a key: reading needs {@link Operation#SEGMENTS_READ},
 * everything else (create, change, retire, {@code :validate}, {@code :preview}) needs
 * {@link Operation#SEGMENTS_WRITE}. The other routes of the service ({@code /v1/segments},
 * {@code /v1/customers/{id}/profile}) stay open as they were: ingest-service, for one, asks the
 * profile query without a key.
 */
@Component
public class SegmentDefinitionScopes extends ReadWriteScopes {

    public SegmentDefinitionScopes() {
        super("/v1/segment-definitions", Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE);
    }
}
