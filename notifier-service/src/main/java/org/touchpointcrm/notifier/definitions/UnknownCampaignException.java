package org.touchpointcrm.notifier.definitions;

/** No campaign has this id. */
public final class UnknownCampaignException extends RuntimeException {

    public UnknownCampaignException(String id) {
        super("no campaign has id '" + id + "'; GET /v1/campaigns lists them all");
    }
}
