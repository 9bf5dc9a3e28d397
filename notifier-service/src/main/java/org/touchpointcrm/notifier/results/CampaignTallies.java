package org.touchpointcrm.notifier.results;

import java.util.Optional;

/** Where a campaign's tally is read: empty if nothing of the campaign has been counted yet. */
@FunctionalInterface
public interface CampaignTallies {

    /**
     * @throws ResultsKeptElsewhereException if another instance keeps it
     * @throws ResultsUnavailableException if it cannot be read now (starting, rebalancing)
     */
    Optional<CampaignTally> tally(String campaignId);
}
