package org.touchpointcrm.notifier.definitions;

import org.springframework.http.HttpStatus;

/**
 * A write that would overwrite something the caller did not mean to: an id that exists (409), or an
 * If-Match version that is no longer the current one (412).
 */
public final class CampaignConflictException extends RuntimeException {

    private final HttpStatus status;

    CampaignConflictException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
