package org.touchpointcrm.notifier.results;

/**
 * A customer's place in one campaign's comparison: the group of their first decision in it, the time
 * of their latest decision (the attribution window starts there) and whether they converted already.
 */
public record Exposure(Group group, long decidedAtMillis, boolean converted) {

    /** A purchase at {@code purchasedAtMillis} converts if it came after the decision and within the window. */
    boolean convertedBy(long purchasedAtMillis, long windowMillis) {
        return !converted && purchasedAtMillis > decidedAtMillis && purchasedAtMillis <= decidedAtMillis + windowMillis;
    }
}
