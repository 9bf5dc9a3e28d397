package org.touchpointcrm.notifier.results;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.notifier.definitions.CampaignCatalogue;
import org.touchpointcrm.notifier.definitions.UnknownCampaignException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A campaign's results, for the treated and the control group, with the uplift. Needs an API key with
 * CAMPAIGNS_READ (it is under /v1/campaigns). Answered by any instance: one that does not keep the campaign's tally
 * asks the one that does ({@link ResultsOwners}).
 */
@Tag(name = "Campaigns", description = "Campaigns as data: trigger, audience, channels, templates, limits; see docs/campaigns.md")
@RestController
public class CampaignResultsController {

    private final CampaignCatalogue catalogue;
    private final CampaignTallies tallies;
    private final ResultsProperties properties;
    private final ResultsOwners owners;

    public CampaignResultsController(CampaignCatalogue catalogue, CampaignTallies tallies, ResultsProperties properties,
            ResultsOwners owners) {
        this.catalogue = catalogue;
        this.tallies = tallies;
        this.properties = properties;
        this.owners = owners;
    }

    @Operation(summary = "A campaign's results: decided, sent, suppressed by reason, delivered, failed, opened, clicked,"
            + " unsubscribed and conversions (a purchase within the attribution window after the decision) for the treated"
            + " and the control group, and the uplift; see docs/campaigns.md, Results")
    @ApiResponse(responseCode = "200", description = "The results so far (all zero before anything was decided)")
    @ApiResponse(responseCode = "404", description = "No campaign has this id")
    @ApiResponse(responseCode = "503", description = "Not readable now (starting, rebalancing, or the instance that keeps"
            + " them did not answer); Retry-After says when to ask again")
    @GetMapping("/v1/campaigns/{id}/results")
    public ResponseEntity<?> results(@PathVariable String id,
            @RequestHeader(name = ResultsOwners.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        if (catalogue.find(id).isEmpty()) {
            throw new UnknownCampaignException(id);
        }
        try {
            return ResponseEntity.ok(CampaignResults.of(id, properties.attributionWindow(),
                    tallies.tally(id).orElseGet(CampaignTally::empty)));
        } catch (ResultsKeptElsewhereException e) {
            // One hop at most: an owner that disagrees (metadata stale mid-rebalance) answers 503 itself.
            if (forwarded) {
                throw new ResultsUnavailableException("The results of campaign '" + id + "' are moving between instances;"
                        + " ask again in a moment");
            }
            return owners.ask(e.owner(), id);
        }
    }
}
