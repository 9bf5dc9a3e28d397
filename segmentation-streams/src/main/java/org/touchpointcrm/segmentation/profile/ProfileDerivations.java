package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

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
        profile.setLifecycleStage(stage(profile, now, today));
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

    /**
     * NEW, ACTIVE, LAPSING and DORMANT follow from the exact instants of the first and last purchase, so
     * a stage turns at the instant its threshold passes; a win-back is a gap between purchase days.
     */
    private LifecycleStage stage(CustomerProfile profile, Instant now, LocalDate today) {
        var purchases = profile.getPurchases();
        if (purchases.getCount() == 0 || purchases.getLastAt() == null) {
            return LifecycleStage.PROSPECT;
        }
        var lifecycle = settings.lifecycle();
        if (purchases.getFirstAt().plus(lifecycle.newFor()).isAfter(now)) {
            return LifecycleStage.NEW;
        }
        if (PurchaseHistory.returnedAfterGap(profile, today, lifecycle.wonBackFor().toDays(),
                lifecycle.dormantAfter().toDays())) {
            return LifecycleStage.WON_BACK;
        }
        if (purchases.getLastAt().plus(lifecycle.activeWithin()).isAfter(now)) {
            return LifecycleStage.ACTIVE;
        }
        return purchases.getLastAt().plus(lifecycle.dormantAfter()).isAfter(now) ? LifecycleStage.LAPSING
                : LifecycleStage.DORMANT;
    }

    /**
     * The earliest instant after {@code now} at which {@link #refresh} could give other windows, RFM
     * scores or life-cycle stage without an event; empty when none can. It may be early (then the
     * refresh changes nothing), never late: a day leaving the 30, 90 or 365-day window or the win-back
     * period (UTC midnight), the last purchase crossing an RFM recency threshold (UTC midnight), and the
     * first or last purchase crossing new-for, active-within or dormant-after (the exact instant).
     * {@code rfm.daysSinceLastPurchase} itself counts every day and is brought up to date at the next
     * change or read, not by a sweep of its own.
     */
    public Optional<Instant> nextChange(CustomerProfile profile, Instant now) {
        Instant[] next = {null};
        Consumer<Instant> offer = at -> {
            if (at.isAfter(now) && (next[0] == null || at.isBefore(next[0]))) {
                next[0] = at;
            }
        };
        var lifecycle = settings.lifecycle();
        for (var day : profile.getPurchaseDays()) {
            for (long age : new long[] {30, 90, PurchaseHistory.DAYS_KEPT, lifecycle.wonBackFor().toDays()}) {
                offer.accept(startOf(day.getDay().plusDays(age)));
            }
        }
        var purchases = profile.getPurchases();
        if (purchases.getLastAt() != null) {
            LocalDate lastDay = day(purchases.getLastAt());
            for (int threshold : settings.rfm().recencyDays()) {
                offer.accept(startOf(lastDay.plusDays(threshold + 1L)));
            }
            offer.accept(purchases.getLastAt().plus(lifecycle.activeWithin()));
            offer.accept(purchases.getLastAt().plus(lifecycle.dormantAfter()));
        }
        if (purchases.getFirstAt() != null) {
            offer.accept(purchases.getFirstAt().plus(lifecycle.newFor()));
        }
        return Optional.ofNullable(next[0]);
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
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
