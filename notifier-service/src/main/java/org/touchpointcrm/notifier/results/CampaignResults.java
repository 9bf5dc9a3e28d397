package org.touchpointcrm.notifier.results;

import java.time.Duration;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A campaign's results as {@code GET /v1/campaigns/{id}/results} answers them.
 *
 * @param attributionWindow  ISO-8601: how long after their decision a customer's purchase counts
 * @param decided            every decision of the campaign, sent or suppressed
 * @param suppressedByReason the suppressions by reason (docs/campaigns.md), CONTROL_GROUP included
 */
public record CampaignResults(
        String campaignId,
        String attributionWindow,
        long decided,
        Map<String, Long> suppressedByReason,
        @Schema(description = "Customers the campaign decided to send to (SEND decisions)") GroupResults treated,
        @Schema(description = "Customers held out as the control group (CONTROL_GROUP suppressions)") GroupResults control,
        Uplift uplift) {

    /**
     * @param customers      distinct customers in the group
     * @param decided        decisions that placed a customer in the group
     * @param sent           messages the SMTP server or SMS gateway accepted (always 0 for the control group)
     * @param failed         messages not delivered for good: refused, retries used up, or bounced
     * @param conversions    customers with a purchase within the attribution window after their decision
     * @param conversionRate conversions / customers; null while the group has no customers
     */
    public record GroupResults(long customers, long decided, long sent, long delivered, long failed, long opened,
                               long clicked, long unsubscribed, long conversions, Double conversionRate) {

        static GroupResults of(CampaignTally tally, Group group) {
            long customers = tally.of(group, Measure.CUSTOMERS);
            long conversions = tally.of(group, Measure.CONVERTED);
            return new GroupResults(customers, tally.of(group, Measure.DECIDED), tally.of(group, Measure.SENT),
                    tally.of(group, Measure.DELIVERED), tally.of(group, Measure.FAILED), tally.of(group, Measure.OPENED),
                    tally.of(group, Measure.CLICKED), tally.of(group, Measure.UNSUBSCRIBED), conversions,
                    customers == 0 ? null : (double) conversions / customers);
        }
    }

    /**
     * @param absolute treated conversion rate − control conversion rate; null unless both groups have customers
     * @param relative absolute / control conversion rate; null also when the control group converted nobody
     */
    public record Uplift(Double absolute, Double relative) {

        static Uplift of(GroupResults treated, GroupResults control) {
            if (treated.conversionRate() == null || control.conversionRate() == null) {
                return new Uplift(null, null);
            }
            double absolute = treated.conversionRate() - control.conversionRate();
            return new Uplift(absolute, control.conversionRate() == 0 ? null : absolute / control.conversionRate());
        }
    }

    public static CampaignResults of(String campaignId, Duration attributionWindow, CampaignTally tally) {
        var treated = GroupResults.of(tally, Group.TREATED);
        var control = GroupResults.of(tally, Group.CONTROL);
        long suppressed = tally.suppressedByReason().values().stream().mapToLong(Long::longValue).sum();
        return new CampaignResults(campaignId, iso(attributionWindow), treated.decided() + suppressed,
                tally.suppressedByReason(), treated, control, Uplift.of(treated, control));
    }

    /** In days when it is whole days (P7D, as configured), rather than Duration's PT168H. */
    private static String iso(Duration window) {
        return window.toSeconds() % 86_400 == 0 ? "P" + window.toDays() + "D" : window.toString();
    }
}
