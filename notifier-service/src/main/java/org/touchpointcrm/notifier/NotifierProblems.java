package org.touchpointcrm.notifier;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.touchpointcrm.access.Problems;
import org.touchpointcrm.access.definitions.DefinitionConflictException;
import org.touchpointcrm.access.definitions.DefinitionProblems;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.notifier.definitions.CampaignsUnavailableException;
import org.touchpointcrm.notifier.definitions.UnknownCampaignException;

/**
 * Every error of notifier-service's REST API as an RFC 9457 problem: what was wrong, which field or
 * text, what to do. Spring's own errors (405, 406, an unreadable body, ...) come through the base class
 * in the same form.
 */
@RestControllerAdvice
public class NotifierProblems extends ResponseEntityExceptionHandler {

    static final URI INVALID_CAMPAIGN = URI.create("https://touchpointcrm.org/problems/invalid-campaign");
    static final URI TEXT_REFUSED = URI.create("https://touchpointcrm.org/problems/campaign-text-refused");
    static final URI CAMPAIGN_CONFLICT = URI.create("https://touchpointcrm.org/problems/campaign-conflict");
    static final URI UNKNOWN_CAMPAIGN = URI.create("https://touchpointcrm.org/problems/unknown-campaign");
    static final URI NOT_AVAILABLE = URI.create("https://touchpointcrm.org/problems/not-available-yet");

    private static final DefinitionProblems CAMPAIGNS = new DefinitionProblems(
            new DefinitionProblems.Refusals(INVALID_CAMPAIGN, "The campaign is invalid",
                    TEXT_REFUSED, "The audience rule or a template cannot be used",
                    problems -> problems + "; fix them and send the campaign again (docs/campaigns.md lists the template"
                            + " names, docs/segments.md the rule language)"),
            new DefinitionProblems.Conflicts(CAMPAIGN_CONFLICT, "The campaign exists", "The campaign changed meanwhile"));

    /** A field is wrong (400, naming each), or the audience rule or a template cannot be used (422, with line and column). */
    @ExceptionHandler(DefinitionRefusedException.class)
    ResponseEntity<ProblemDetail> refused(DefinitionRefusedException e) {
        return CAMPAIGNS.refused(e);
    }

    @ExceptionHandler(DefinitionConflictException.class)
    ResponseEntity<ProblemDetail> conflict(DefinitionConflictException e) {
        return CAMPAIGNS.conflict(e);
    }

    @ExceptionHandler(UnknownCampaignException.class)
    ResponseEntity<ProblemDetail> unknown(UnknownCampaignException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, UNKNOWN_CAMPAIGN, "Unknown campaign", e.getMessage());
    }

    @ExceptionHandler(CampaignsUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(CampaignsUnavailableException e) {
        return Problems.retryLater(1, NOT_AVAILABLE, "Campaigns cannot be written now", e.getMessage());
    }
}
