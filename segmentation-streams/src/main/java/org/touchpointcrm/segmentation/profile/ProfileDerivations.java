package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.LifecycleStage;
import org.touchpointcrm.avro.RfmScores;

/**
 * What follows from a profile's history and the time: rolling windows, RFM scores and the
 * life-cycle stage. The one place these are computed, called after every change and, by the
 * time sweep, when time alone has passed.
 */
public final class ProfileDerivations {

    private final ProfileSettings settings;

    public ProfileDerivations(ProfileSettings settings) {
        this.settings = settings;
    }

    /** Brings the time-dependent parts of {@code profile} up to {@code now}. */
    public void refresh(CustomerProfile profile, Instant now) {
        LocalDate today = day(now);
        PurchaseHistory.prune(profile, today);
        profile.setWindows(PurchaseHistory.windows(profile.getPurchaseDays(), today));
        profile.setRfm(rfm(profile, today));
        profile.setLifecycleStage(stage(profile, today));
        profile.setUpdatedAt(now);
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private RfmScores rfm(CustomerProfile profile, LocalDate today) {
        Instant last = profile.getPurchases().getLastAt();
        if (profile.getPurchases().getCount() == 0 || last == null) {
            return new RfmScores(0, 0, 0, null);
        }
        int daysSince = (int) Math.max(0, today.toEpochDay() - day(last).toEpochDay());
        var rfm = settings.rfm();
        BigDecimal spend = profile.getWindows().getSpend365d().getOrDefault(rfm.currency(), BigDecimal.ZERO);
        return new RfmScores(
                5 - countBelow(rfm.recencyDays(), daysSince),
                1 + countAtMost(rfm.frequencyPurchases(), profile.getWindows().getPurchases365d()),
                1 + countAtMost(rfm.monetaryAmounts(), spend),
                daysSince);
    }

    private LifecycleStage stage(CustomerProfile profile, LocalDate today) {
        var purchases = profile.getPurchases();
        if (purchases.getCount() == 0 || purchases.getLastAt() == null) {
            return LifecycleStage.PROSPECT;
        }
        var lifecycle = settings.lifecycle();
        long sinceFirst = today.toEpochDay() - day(purchases.getFirstAt()).toEpochDay();
        long sinceLast = today.toEpochDay() - day(purchases.getLastAt()).toEpochDay();
        if (sinceFirst < lifecycle.newFor().toDays()) {
            return LifecycleStage.NEW;
        }
        if (PurchaseHistory.returnedAfterGap(profile, today, lifecycle.wonBackFor().toDays(),
                lifecycle.dormantAfter().toDays())) {
            return LifecycleStage.WON_BACK;
        }
        if (sinceLast < lifecycle.activeWithin().toDays()) {
            return LifecycleStage.ACTIVE;
        }
        return sinceLast < lifecycle.dormantAfter().toDays() ? LifecycleStage.LAPSING : LifecycleStage.DORMANT;
    }

    /** How many thresholds lie strictly below the value: recency loses a point for each. */
    private static int countBelow(List<Integer> thresholds, int value) {
        int n = 0;
        for (int t : thresholds) {
            if (t < value) {
                n++;
            }
        }
        return n;
    }

    /** How many thresholds the value reaches. */
    private static <T extends Comparable<T>> int countAtMost(List<T> thresholds, T value) {
        int n = 0;
        for (T t : thresholds) {
            if (t.compareTo(value) <= 0) {
                n++;
            }
        }
        return n;
    }
}
