package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.PurchaseDay;
import org.touchpointcrm.avro.PurchaseWindows;

/**
 * The profile's per-day purchase buckets: exact rolling windows without keeping every event. A
 * bucket is a UTC day; the profile keeps the last {@link #DAYS_KEPT} days, the longest window, so a
 * late event lands in its own day and the windows come out the same in any arrival order. A
 * purchase older than that only moves {@code lastPurchaseDayBeforeWindow}, which is all a win-back
 * needs to know of it.
 */
public final class PurchaseHistory {

    /** The longest rolling window, in days. */
    public static final int DAYS_KEPT = 365;

    private PurchaseHistory() {
    }

    /** Adds one purchase ({@code returned} false) or return on {@code day}. */
    public static void record(CustomerProfile profile, LocalDate day, LocalDate today, boolean returned,
                              String currency, BigDecimal amount) {
        if (day.isBefore(firstKeptDay(today))) {
            if (!returned) {
                profile.setLastPurchaseDayBeforeWindow(later(profile.getLastPurchaseDayBeforeWindow(), day));
            }
            return;
        }
        PurchaseDay bucket = bucket(profile.getPurchaseDays(), day);
        if (returned) {
            bucket.setReturns(bucket.getReturns() + 1);
        } else {
            bucket.setPurchases(bucket.getPurchases() + 1);
            if (currency != null && amount != null) {
                bucket.getSpendByCurrency().merge(currency, amount, BigDecimal::add);
            }
        }
    }

    /**
     * Takes one purchase or return on {@code day} back out (a merge's overlap); a day that no longer counts
     * anything goes. A day already pruned holds nothing to take back, and the purchase it kept in
     * {@code lastPurchaseDayBeforeWindow} stays, as the other profile counted the same day.
     */
    public static void unrecord(CustomerProfile profile, LocalDate day, boolean returned, String currency,
                                BigDecimal amount) {
        var days = profile.getPurchaseDays();
        for (int i = 0; i < days.size(); i++) {
            PurchaseDay bucket = days.get(i);
            if (!bucket.getDay().equals(day)) {
                continue;
            }
            if (returned) {
                bucket.setReturns(bucket.getReturns() - 1);
            } else {
                bucket.setPurchases(bucket.getPurchases() - 1);
                if (currency != null && amount != null) {
                    bucket.getSpendByCurrency().merge(currency, amount.negate(), BigDecimal::add);
                }
            }
            if (bucket.getPurchases() <= 0 && bucket.getReturns() <= 0) {
                days.remove(i);
            }
            return;
        }
    }

    /** Both profiles' days, day by day: purchases, returns and spend add up. */
    public static List<PurchaseDay> union(List<PurchaseDay> a, List<PurchaseDay> b) {
        var byDay = new TreeMap<LocalDate, PurchaseDay>();
        for (List<PurchaseDay> days : List.of(a, b)) {
            for (PurchaseDay day : days) {
                PurchaseDay into = byDay.computeIfAbsent(day.getDay(), d -> new PurchaseDay(d, 0, 0, new HashMap<>()));
                into.setPurchases(into.getPurchases() + day.getPurchases());
                into.setReturns(into.getReturns() + day.getReturns());
                addAll(into.getSpendByCurrency(), day.getSpendByCurrency());
            }
        }
        return new ArrayList<>(byDay.values());
    }

    /** Drops the days that fell out of the longest window, remembering the newest purchase among them. */
    public static void prune(CustomerProfile profile, LocalDate today) {
        LocalDate first = firstKeptDay(today);
        var days = profile.getPurchaseDays();
        while (!days.isEmpty() && days.getFirst().getDay().isBefore(first)) {
            PurchaseDay gone = days.removeFirst();
            if (gone.getPurchases() > 0) {
                profile.setLastPurchaseDayBeforeWindow(later(profile.getLastPurchaseDayBeforeWindow(), gone.getDay()));
            }
        }
    }

    /** Purchases and spend in the last 30, 90 and 365 days up to and including {@code today}. */
    public static PurchaseWindows windows(List<PurchaseDay> days, LocalDate today) {
        int p30 = 0;
        int p90 = 0;
        int p365 = 0;
        Map<String, BigDecimal> s30 = new HashMap<>();
        Map<String, BigDecimal> s90 = new HashMap<>();
        Map<String, BigDecimal> s365 = new HashMap<>();
        for (PurchaseDay day : days) {
            long age = today.toEpochDay() - day.getDay().toEpochDay();
            if (age >= DAYS_KEPT) {
                continue;
            }
            p365 += day.getPurchases();
            addAll(s365, day.getSpendByCurrency());
            if (age < 90) {
                p90 += day.getPurchases();
                addAll(s90, day.getSpendByCurrency());
            }
            if (age < 30) {
                p30 += day.getPurchases();
                addAll(s30, day.getSpendByCurrency());
            }
        }
        return new PurchaseWindows(p30, p90, p365, s30, s90, s365);
    }

    /**
     * Whether a purchase within {@code within} days of today came after a gap of at least
     * {@code gapDays} days since the purchase before it.
     */
    public static boolean returnedAfterGap(CustomerProfile profile, LocalDate today, long within, long gapDays) {
        LocalDate previous = profile.getLastPurchaseDayBeforeWindow();
        for (PurchaseDay day : profile.getPurchaseDays()) {
            if (day.getPurchases() == 0) {
                continue;
            }
            boolean recent = today.toEpochDay() - day.getDay().toEpochDay() < within;
            if (recent && previous != null && day.getDay().toEpochDay() - previous.toEpochDay() >= gapDays) {
                return true;
            }
            previous = day.getDay();
        }
        return false;
    }

    static LocalDate firstKeptDay(LocalDate today) {
        return today.minusDays(DAYS_KEPT - 1);
    }

    /** The bucket of {@code day}, created in date order when missing. */
    private static PurchaseDay bucket(List<PurchaseDay> days, LocalDate day) {
        int i = days.size();
        while (i > 0 && days.get(i - 1).getDay().isAfter(day)) {
            i--;
        }
        if (i > 0 && days.get(i - 1).getDay().equals(day)) {
            return days.get(i - 1);
        }
        PurchaseDay created = new PurchaseDay(day, 0, 0, new HashMap<>());
        days.add(i, created);
        return created;
    }

    private static void addAll(Map<String, BigDecimal> into, Map<String, BigDecimal> amounts) {
        amounts.forEach((currency, amount) -> into.merge(currency, amount, BigDecimal::add));
    }

    /** The later of two days, either of which may be null. */
    static LocalDate later(LocalDate a, LocalDate b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
