package org.touchpointcrm.access.definitions;

/**
 * One field (or header, or parameter) of a request that is missing or malformed, and what to write
 * instead. Each service keeps its own record, whose components are the JSON its clients read; this
 * only lets the shared refusal name them.
 */
public interface Violation {

    /** What is wrong: a field, a header or a parameter, e.g. {@code If-Match}. */
    String name();

    /** Why, and what to send instead. */
    String reason();
}
