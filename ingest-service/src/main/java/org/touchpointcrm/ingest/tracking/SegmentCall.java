package org.touchpointcrm.ingest.tracking;

import java.util.List;
import java.util.Optional;

import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.customers.CustomerRequest;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest;

/**
 * One call of Segment's tracking API as this service takes it: the touchpoint it becomes and, for an
 * {@code identify} with a {@code userId}, the master data its traits carry; or why it cannot be taken.
 *
 * @param messageId  the call's messageId, for answers (it becomes the touchpoint's eventId)
 * @param touchpoint what the call records
 * @param master     identify only: the traits as the customer's master data, under the userId
 * @param violations what is wrong with the call itself (before the touchpoint's own validation)
 */
record SegmentCall(String messageId, TouchpointRequest touchpoint, Optional<Master> master, List<FieldViolation> violations) {

    /** The traits of an identify as the register's record of {@code customerId}. */
    record Master(String customerId, CustomerRequest request) {
    }
}
