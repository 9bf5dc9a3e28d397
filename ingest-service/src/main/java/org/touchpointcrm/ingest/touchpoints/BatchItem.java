package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.input.FieldViolation;
/**
 * One item of a batch as read: its position, and either the request or why it could not be read.
 *
 * @param index       0-based position in the batch (for NDJSON: among the non-blank lines)
 * @param request     the item, or null when it could not be read
 * @param unreadable  why it could not be read, or null
 */
public record BatchItem(int index, TouchpointRequest request, FieldViolation unreadable) {
}
