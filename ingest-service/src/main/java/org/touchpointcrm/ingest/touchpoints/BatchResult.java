package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.input.FieldViolation;
import java.util.List;

/**
 * What became of a batch: every item is either accepted (stored on Kafka) or listed here with
 * its reasons; a rejected item was not written at all.
 */
public record BatchResult(int received, int accepted, List<Rejected> rejected) {

    /** @param eventId the item's eventId, when it had one */
    public record Rejected(int index, String eventId, List<FieldViolation> errors) {
    }
}
