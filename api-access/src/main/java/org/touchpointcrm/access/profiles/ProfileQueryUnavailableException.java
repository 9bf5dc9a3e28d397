package org.touchpointcrm.access.profiles;

import java.util.Optional;

/** The profile query could not answer now (starting, rebalancing, unreachable); the client retries. */
public class ProfileQueryUnavailableException extends RuntimeException {

    private final String retryAfter;

    /** @param retryAfter the profile query's own Retry-After, or null */
    public ProfileQueryUnavailableException(String message, String retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<String> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
