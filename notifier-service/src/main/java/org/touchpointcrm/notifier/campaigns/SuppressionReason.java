package org.touchpointcrm.notifier.campaigns;

/**
 * Why a campaign was not sent to a customer, in the order the decision checks them: the first that
 * applies is the reason written on the CampaignMessage (its name) and counted in {@link DecisionMeters}.
 */
public enum SuppressionReason {
    /** The campaign's audience rule is false for the profile. */
    NOT_IN_AUDIENCE,
    /** The campaign is not ACTIVE, or now is outside [startAt, endAt). */
    CAMPAIGN_INACTIVE,
    /** The customer is in the campaign's deterministic holdout. */
    CONTROL_GROUP,
    /** None of the campaign's channels has an address on the profile. */
    NO_ADDRESS,
    /** Some channel has an address, but none of those has a granted consent for the campaign's purpose. */
    NO_CONSENT,
    /** The customer already got the most marketing messages allowed per period, across all campaigns. */
    GLOBAL_CAP,
    /** The customer already got the most messages of this campaign its own frequency cap allows. */
    CAMPAIGN_CAP,
    /**
     * The template went past a bound of rendering over this profile (its output too long, or too slow):
     * nothing is sent rather than a cut message.
     */
    TEMPLATE_NOT_RENDERED
}
