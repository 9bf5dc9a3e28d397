package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * The thresholds that turn a customer's history into RFM scores and a life-cycle stage. Bound from
 * {@code crm.segmentation.rfm} and {@code crm.segmentation.lifecycle}; checked at start.
 */
public record ProfileSettings(Rfm rfm, Lifecycle lifecycle) {

    /** The defaults of segmentation.yml, for tests and tools. */
    public static final ProfileSettings DEFAULTS = new ProfileSettings(
            new Rfm("EUR", List.of(30, 90, 180, 365), List.of(2, 3, 5, 10),
                    List.of(new BigDecimal("50"), new BigDecimal("200"), new BigDecimal("500"), new BigDecimal("2000"))),
            new Lifecycle(Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(90)));

    /**
     * @param currency           monetary value is the spend of the last 365 days in this currency; other currencies do not count
     * @param recencyDays        four ascending day counts: a last purchase at most [0] days ago scores 5, at most [1] 4, ... older than [3] 1
     * @param frequencyPurchases four ascending purchase counts in the last 365 days: below [0] scores 1, at least [0] 2, ... at least [3] 5
     * @param monetaryAmounts    four ascending amounts, scored like frequency
     */
    public record Rfm(String currency, List<Integer> recencyDays, List<Integer> frequencyPurchases,
                      List<BigDecimal> monetaryAmounts) {
        public Rfm {
            recencyDays = ascending("crm.segmentation.rfm.recency-days", recencyDays);
            frequencyPurchases = ascending("crm.segmentation.rfm.frequency-purchases", frequencyPurchases);
            monetaryAmounts = ascending("crm.segmentation.rfm.monetary-amounts", monetaryAmounts);
            if (currency == null || !currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("crm.segmentation.rfm.currency: '" + currency
                        + "' is not an ISO 4217 code; give the currency monetary value is counted in, e.g. EUR");
            }
        }
    }

    /**
     * @param newFor       a first purchase this recent makes the customer NEW
     * @param activeWithin a last purchase this recent makes the customer ACTIVE; older, LAPSING
     * @param dormantAfter no purchase for this long makes the customer DORMANT; a purchase after such a gap is a win-back
     * @param wonBackFor   how long a won-back customer stays WON_BACK
     */
    public record Lifecycle(Duration newFor, Duration activeWithin, Duration dormantAfter, Duration wonBackFor) {
        public Lifecycle {
            if (!(activeWithin.compareTo(dormantAfter) < 0)) {
                throw new IllegalArgumentException("crm.segmentation.lifecycle: active-within (" + activeWithin
                        + ") must be shorter than dormant-after (" + dormantAfter + "), or nobody is ever LAPSING");
            }
            for (Duration d : List.of(newFor, activeWithin, dormantAfter, wonBackFor)) {
                if (d.isNegative() || d.isZero() || d.toDays() > PurchaseHistory.DAYS_KEPT) {
                    throw new IllegalArgumentException("crm.segmentation.lifecycle: " + d + " must be between 1 and "
                            + PurchaseHistory.DAYS_KEPT + " days, the purchase history the profile keeps");
                }
            }
        }
    }

    private static <T extends Comparable<T>> List<T> ascending(String property, List<T> thresholds) {
        if (thresholds == null || thresholds.size() != 4) {
            throw new IllegalArgumentException(property + ": give exactly four thresholds (scores 2 to 5), was " + thresholds);
        }
        for (int i = 1; i < thresholds.size(); i++) {
            if (thresholds.get(i).compareTo(thresholds.get(i - 1)) <= 0) {
                throw new IllegalArgumentException(property + ": thresholds must rise, was " + thresholds);
            }
        }
        return List.copyOf(thresholds);
    }
}
