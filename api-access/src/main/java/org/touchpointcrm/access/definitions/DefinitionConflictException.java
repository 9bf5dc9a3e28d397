package org.touchpointcrm.access.definitions;

import org.springframework.http.HttpStatus;

/**
 * A write that would overwrite something the caller did not mean to: an id that exists (409), or an
 * If-Match version that is no longer the current one (412).
 */
public final class DefinitionConflictException extends RuntimeException {

    private final HttpStatus status;

    private DefinitionConflictException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** @param message which id exists, at which version, and what to do instead */
    public static DefinitionConflictException exists(String message) {
        return new DefinitionConflictException(HttpStatus.CONFLICT, message);
    }

    /**
     * @param what     the definition, e.g. {@code segment 'lapsing'}
     * @param expected the If-Match version, or null when the caller sent none: then any version will do
     * @throws DefinitionConflictException (412) when {@code expected} is not {@code current}
     */
    public static void unlessCurrent(String what, long current, Number expected) {
        if (expected != null && expected.longValue() != current) {
            throw new DefinitionConflictException(HttpStatus.PRECONDITION_FAILED, what + " is at version " + current
                    + ", not " + expected + " as If-Match says; someone changed it meanwhile: GET it, review the"
                    + " change, and send yours with its version");
        }
    }

    public HttpStatus status() {
        return status;
    }
}
