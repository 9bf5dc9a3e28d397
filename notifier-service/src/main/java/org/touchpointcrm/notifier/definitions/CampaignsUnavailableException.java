package org.touchpointcrm.notifier.definitions;

/** The broker did not take a campaign: nothing was changed, and sending it again is safe. */
public final class CampaignsUnavailableException extends RuntimeException {

    CampaignsUnavailableException(String message) {
        super(message);
    }
}
