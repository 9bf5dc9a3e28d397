package org.touchpointcrm.notifier.results;

import java.util.Optional;

/** Where a campaign's tally is read: empty if nothing of the campaign has been counted yet. */
@FunctionalInterface
public interface CampaignTallies {

    /** @throws ResultsUnavailableException if the tally cannot be read on this instance now */
    Optional<CampaignTally> tally(String campaignId);
}
