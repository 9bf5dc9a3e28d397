package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.apache.avro.Schema;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.ContactStats;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.Engagement;
import org.touchpointcrm.avro.Feedback;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.avro.PurchaseStats;
import org.touchpointcrm.avro.SeenIdentifier;
import org.touchpointcrm.schemas.CustomerProfiles;

/**
 * The union of two customers' profiles when the identity graph finds they are one person (docs/identity.md).
 * Every aggregate of {@link ProfileUpdater} is a count, a sum, a minimum or maximum time or newest-wins with a
 * fixed tie-break, so the union of two profiles whose event sets do not overlap is the profile of both event
 * sets together; the caller takes the overlap out of the retired one first ({@link ProfileUpdater#uncount}).
 * Consents are the exception, on purpose: a consent is kept for the address it was given for only.
 */
public final class ProfileMerger {

    /** What a merge may change: everything but the key, the pointer a retired profile carries and the segments, which the evaluator sets. */
    private static final Set<String> MAY_CHANGE = fieldsBut("customerId", "mergedInto", "segments");

    private final ProfileUpdater updater;

    public ProfileMerger(ProfileUpdater updater) {
        this.updater = updater;
    }

    /**
     * @param survivor changed in place
     * @param retired  the retired customer's profile, with the touchpoints both counted already uncounted
     * @return the survivor with the retired one's history, derived parts as of {@code now}
     */
    public ProfileChange merge(CustomerProfile survivor, CustomerProfile retired, Instant now) {
        CustomerProfile s = survivor;
        CustomerProfile r = retired;
        // Consents are read against each profile's own addresses before the survivor's may change.
        Map<String, Consent> survivorConsents = withAddresses(s);
        Map<String, Consent> retiredConsents = withAddresses(r);
        s.setVersion(s.getVersion() + 1);
        s.setLastEventId(null);
        if (s.getMaster() == null && r.getMaster() != null) {
            s.setMaster(MasterData.newBuilder(r.getMaster()).build());
        }
        s.setSeenEmail(newer(s.getSeenEmail(), r.getSeenEmail()));
        s.setSeenPhone(newer(s.getSeenPhone(), r.getSeenPhone()));
        ProfileUpdater.addresses(s);
        s.setFirstSeenAt(ProfileUpdater.earlier(s.getFirstSeenAt(), r.getFirstSeenAt()));
        s.setLastSeenAt(ProfileUpdater.later(s.getLastSeenAt(), r.getLastSeenAt()));
        addContacts(s.getContactsByChannel(), r.getContactsByChannel());
        addContacts(s.getContactsByType(), r.getContactsByType());
        addPurchases(s.getPurchases(), r.getPurchases());
        s.setPurchaseDays(PurchaseHistory.union(s.getPurchaseDays(), r.getPurchaseDays()));
        s.setLastPurchaseDayBeforeWindow(PurchaseHistory.later(s.getLastPurchaseDayBeforeWindow(),
                r.getLastPurchaseDayBeforeWindow()));
        addEngagement(s.getEngagement(), r.getEngagement());
        addFeedback(s.getFeedback(), r.getFeedback());
        s.setConsents(consents(s, survivorConsents, retiredConsents));
        s.setIdentifiers(sortedUnion(s.getIdentifiers(), r.getIdentifiers(), List.of()));
        List<String> mergedFrom = sortedUnion(s.getMergedFrom(), r.getMergedFrom(), List.of(r.getCustomerId()));
        mergedFrom.remove(s.getCustomerId());
        s.setMergedFrom(mergedFrom);
        Set<String> changed = new HashSet<>(MAY_CHANGE);
        updater.refresh(s, now, changed);
        return new ProfileChange(s, changed);
    }

    private static SeenIdentifier newer(SeenIdentifier held, SeenIdentifier other) {
        return other == null ? held : ProfileUpdater.newer(held, other.getValue(), other.getAt());
    }

    private static void addContacts(Map<String, ContactStats> into, Map<String, ContactStats> from) {
        from.forEach((key, stats) -> into.merge(key, new ContactStats(stats.getCount(), stats.getFirstAt(),
                stats.getLastAt()), (held, more) -> new ContactStats(held.getCount() + more.getCount(),
                ProfileUpdater.earlier(held.getFirstAt(), more.getFirstAt()),
                ProfileUpdater.later(held.getLastAt(), more.getLastAt()))));
    }

    private static void addPurchases(PurchaseStats into, PurchaseStats from) {
        into.setCount(into.getCount() + from.getCount());
        into.setReturnCount(into.getReturnCount() + from.getReturnCount());
        from.getCountByCurrency().forEach((currency, n) -> into.getCountByCurrency().merge(currency, n, Long::sum));
        from.getSpendByCurrency().forEach((currency, a) -> into.getSpendByCurrency().merge(currency, a, BigDecimal::add));
        from.getReturnsByCurrency().forEach((currency, a) -> into.getReturnsByCurrency().merge(currency, a, BigDecimal::add));
        into.getCountByCurrency().forEach((currency, n) -> into.getAverageBasketByCurrency().put(currency,
                ProfileUpdater.averageBasket(into.getSpendByCurrency().get(currency), n)));
        into.setFirstAt(ProfileUpdater.earlier(into.getFirstAt(), from.getFirstAt()));
        into.setLastAt(ProfileUpdater.later(into.getLastAt(), from.getLastAt()));
    }

    private static void addEngagement(Engagement into, Engagement from) {
        into.setEmailsSent(into.getEmailsSent() + from.getEmailsSent());
        into.setEmailOpens(into.getEmailOpens() + from.getEmailOpens());
        into.setEmailClicks(into.getEmailClicks() + from.getEmailClicks());
        into.setSmsReplies(into.getSmsReplies() + from.getSmsReplies());
        into.setUnsubscribes(into.getUnsubscribes() + from.getUnsubscribes());
        into.setLastEmailSentAt(ProfileUpdater.later(into.getLastEmailSentAt(), from.getLastEmailSentAt()));
        into.setLastEmailEngagementAt(ProfileUpdater.later(into.getLastEmailEngagementAt(), from.getLastEmailEngagementAt()));
        into.setLastSmsEngagementAt(ProfileUpdater.later(into.getLastSmsEngagementAt(), from.getLastSmsEngagementAt()));
        into.setLastEngagementAt(ProfileUpdater.later(into.getLastEngagementAt(), from.getLastEngagementAt()));
    }

    private static void addFeedback(Feedback into, Feedback from) {
        into.setCount(into.getCount() + from.getCount());
        into.setRatings(into.getRatings() + from.getRatings());
        into.setRatingSum(into.getRatingSum() + from.getRatingSum());
        into.setAverageRating(ProfileUpdater.averageRating(into));
        into.setLastAt(ProfileUpdater.later(into.getLastAt(), from.getLastAt()));
        Instant ratedAt = from.getLastRatedAt();
        // The updater's tie-break: newest wins, on a tie the lower rating.
        if (ratedAt != null && (into.getLastRatedAt() == null || ratedAt.isAfter(into.getLastRatedAt())
                || (ratedAt.equals(into.getLastRatedAt()) && from.getLastRating() < into.getLastRating()))) {
            into.setLastRating(from.getLastRating());
            into.setLastRatedAt(ratedAt);
        }
    }

    /** The profile's consents, each naming the address it was given for (one without reads as the profile's own). */
    private static Map<String, Consent> withAddresses(CustomerProfile p) {
        Map<String, Consent> consents = new HashMap<>();
        p.getConsents().forEach((key, c) -> consents.put(key, Consent.newBuilder(c)
                .setAddress(c.getAddress() != null ? c.getAddress() : CustomerProfiles.address(p, c.getChannel()))
                .build()));
        return consents;
    }

    /**
     * Per consent key, the word given for the merged profile's address; if both or neither were, the newer. A
     * grant for another address stays tied to it and so covers nothing here (CustomerProfiles.consented); a grant
     * whose address nobody knows is not carried to a profile that has one, as that would widen it.
     */
    private static Map<String, Consent> consents(CustomerProfile merged, Map<String, Consent> a, Map<String, Consent> b) {
        Map<String, Consent> chosen = new HashMap<>();
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String key : keys) {
            Consent x = usable(merged, a.get(key));
            Consent y = usable(merged, b.get(key));
            Consent pick;
            if (x == null || y == null) {
                pick = x == null ? y : x;
            } else {
                boolean xHere = forMergedAddress(merged, x);
                boolean yHere = forMergedAddress(merged, y);
                if (xHere != yHere) {
                    pick = xHere ? x : y;
                } else {
                    pick = ProfileUpdater.supersedes(y, x) ? y : x;
                }
            }
            if (pick != null) {
                chosen.put(key, pick);
            }
        }
        return chosen;
    }

    private static boolean forMergedAddress(CustomerProfile merged, Consent c) {
        return Objects.equals(c.getAddress(), CustomerProfiles.address(merged, c.getChannel()));
    }

    private static Consent usable(CustomerProfile merged, Consent c) {
        if (c != null && c.getGranted() && c.getAddress() == null
                && CustomerProfiles.address(merged, c.getChannel()) != null) {
            return null;
        }
        return c;
    }

    private static List<String> sortedUnion(List<String> a, List<String> b, List<String> more) {
        TreeSet<String> all = new TreeSet<>(a);
        all.addAll(b);
        all.addAll(more);
        return new ArrayList<>(all);
    }

    private static Set<String> fieldsBut(String... kept) {
        Set<String> fields = new HashSet<>();
        for (Schema.Field field : CustomerProfile.getClassSchema().getFields()) {
            fields.add(field.name());
        }
        fields.removeAll(Set.of(kept));
        return Set.copyOf(fields);
    }
}
