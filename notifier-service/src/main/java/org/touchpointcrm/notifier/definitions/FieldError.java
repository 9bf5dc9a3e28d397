package org.touchpointcrm.notifier.definitions;

/** One field of a request that is missing or malformed, and what to write instead. */
public record FieldError(String field, String reason) {
}
