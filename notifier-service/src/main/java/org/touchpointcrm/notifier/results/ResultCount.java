package org.touchpointcrm.notifier.results;

/**
 * One thing to add to a campaign's results, keyed by the campaign id on the way to its tally.
 *
 * @param group  the group it counts for; null for SUPPRESSED, which is counted for the campaign as a whole
 * @param reason SUPPRESSED only: the suppression reason
 */
public record ResultCount(Group group, Measure measure, String reason) {

    public static ResultCount of(Group group, Measure measure) {
        return new ResultCount(group, measure, null);
    }

    public static ResultCount suppressed(String reason) {
        return new ResultCount(null, Measure.SUPPRESSED, reason);
    }

    /** The counter's name in a {@link CampaignTally}: {@code TREATED/SENT}, {@code SUPPRESSED/NO_CONSENT}. */
    String counter() {
        return measure == Measure.SUPPRESSED ? Measure.SUPPRESSED + "/" + reason : group + "/" + measure;
    }
}
