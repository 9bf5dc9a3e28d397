package org.touchpointcrm.notifier.definitions;

import org.touchpointcrm.access.definitions.Violation;

/** One field of a request that is missing or malformed, and what to write instead. */
public record FieldError(String field, String reason) implements Violation {

    @Override
    public String name() {
        return field;
    }
}
