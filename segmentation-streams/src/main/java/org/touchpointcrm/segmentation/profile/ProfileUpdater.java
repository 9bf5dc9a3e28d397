package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.Optional;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.ContactStats;
import org.touchpointcrm.avro.CountedTouchpoint;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.Engagement;
import org.touchpointcrm.avro.Feedback;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.avro.PurchaseStats;
import org.touchpointcrm.avro.SeenIdentifier;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerProfiles;

/**
 * The profile after one more touchpoint or register record: pure, so that it is tested without
 * Kafka. Every aggregate is commutative (counts, sums, minimum and maximum times, newest-wins by
 * occurredAt with a fixed tie-break), so the profile does not depend on the order events arrive in.
 */
public final class ProfileUpdater {

    /** The consent an unsubscribe without a stated purpose withdraws. */
    public static final String DEFAULT_PURPOSE = "marketing";

    private final ProfileDerivations derivations;

    public ProfileUpdater(ProfileDerivations derivations) {
        this.derivations = derivations;
    }

    /**
     * @param profile the profile so far, changed in place, or null for a customer seen for the first time
     * @return the profile with the event applied and its derived parts as of {@code now}
     */
    public CustomerProfile apply(CustomerProfile profile, String customerId, TouchpointEvent event, Instant now) {
        return change(profile, customerId, event, now).profile();
    }

    /** {@link #apply}, saying which fields the event may have changed. */
    public ProfileChange change(CustomerProfile profile, String customerId, TouchpointEvent event, Instant now) {
        CustomerProfile p = profile == null ? CustomerProfiles.empty(customerId, now) : profile;
        Set<String> changed = new HashSet<>(ALWAYS_TOUCHED);
        Instant at = event.getOccurredAt();
        p.setVersion(p.getVersion() + 1);
        p.setLastEventId(event.getEventId());
        p.setFirstSeenAt(earlier(p.getFirstSeenAt(), at));
        p.setLastSeenAt(later(p.getLastSeenAt(), at));
        p.setSeenEmail(newer(p.getSeenEmail(), event.getCustomer().getEmail(), at));
        p.setSeenPhone(newer(p.getSeenPhone(), event.getCustomer().getPhone(), at));
        count(p.getContactsByChannel(), event.getChannel().name(), at);
        count(p.getContactsByType(), event.getType().name(), at);
        if (event.getCustomer().getEmail() != null) {
            changed.add("seenEmail");
            changed.add("email");
        }
        if (event.getCustomer().getPhone() != null) {
            changed.add("seenPhone");
            changed.add("phone");
        }
        changed.addAll(touchedBy(event.getType()));
        switch (event.getType()) {
            case PURCHASE -> purchase(p, event, now);
            case RETURN -> returned(p, event, now);
            case MESSAGE_SENT -> sent(p.getEngagement(), event);
            case MESSAGE_OPENED, MESSAGE_CLICKED -> reacted(p.getEngagement(), event);
            case SMS_REPLY -> replied(p.getEngagement(), at);
            case FORM_SUBMITTED, CONTACT_REQUEST -> engaged(p.getEngagement(), at);
            case FEEDBACK -> feedback(p, event);
            case UNSUBSCRIBED -> unsubscribed(p, event);
            case CONSENT_GIVEN, CONSENT_WITHDRAWN -> consent(p, event, event.getType() == TouchpointType.CONSENT_GIVEN,
                    event.getConsentPurpose(), event.getOccurredAt());
            default -> { }
        }
        addresses(p);
        refresh(p, now, changed);
        return new ProfileChange(p, profile == null ? null : changed);
    }

    /**
     * @return the profile with the register's record, or null when the record is older than the
     *         one the profile holds (the compacted register may be re-read; an old record changes nothing)
     */
    public CustomerProfile applyMaster(CustomerProfile profile, String customerId, CustomerRecord record, Instant now) {
        ProfileChange change = changeMaster(profile, customerId, record, now);
        return change == null ? null : change.profile();
    }

    /** {@link #applyMaster}, saying which fields the record may have changed; null when it changes nothing. */
    public ProfileChange changeMaster(CustomerProfile profile, String customerId, CustomerRecord record, Instant now) {
        CustomerProfile p = profile == null ? CustomerProfiles.empty(customerId, now) : profile;
        MasterData held = p.getMaster();
        if (held != null && held.getUpdatedAt().isAfter(record.getUpdatedAt())) {
            return null;
        }
        MasterData master = master(record);
        if (master.equals(held)) {
            return null;
        }
        p.setMaster(master);
        p.setVersion(p.getVersion() + 1);
        p.setLastEventId(null);
        addresses(p);
        Set<String> changed = new HashSet<>(Set.of("master", "email", "phone", "version", "updatedAt", "lastEventId"));
        refresh(p, now, changed);
        return new ProfileChange(p, profile == null ? null : changed);
    }

    /**
     * Only time has passed: the derived parts brought up to {@code now}, saying which of them changed
     * (the time sweep and a read use this; the version stays, as no record was applied).
     *
     * @param profile changed in place
     */
    public ProfileChange passTime(CustomerProfile profile, Instant now) {
        Set<String> changed = new HashSet<>(Set.of("updatedAt"));
        refresh(profile, now, changed);
        return new ProfileChange(profile, changed);
    }

    /**
     * Takes one counted touchpoint back out of the counts and sums (a merge's overlap), derived parts as of {@code now}.
     *
     * @param profile changed in place
     */
    public ProfileChange uncount(CustomerProfile profile, CountedTouchpoint counted, Instant now) {
        // Minimum and maximum times and newest-wins fields stay: the survivor counted the same event, so
        // the union of the two is what it would have been had the event been counted once.
        Set<String> changed = new HashSet<>(Set.of("updatedAt", "contactsByChannel", "contactsByType"));
        changed.addAll(touchedBy(counted.getType()));
        uncount(profile.getContactsByChannel(), counted.getChannel().name());
        uncount(profile.getContactsByType(), counted.getType().name());
        String currency = counted.getCurrency();
        BigDecimal amount = counted.getAmount();
        PurchaseStats purchases = profile.getPurchases();
        Engagement engagement = profile.getEngagement();
        switch (counted.getType()) {
            case PURCHASE -> {
                purchases.setCount(purchases.getCount() - 1);
                if (currency != null && amount != null) {
                    long inCurrency = purchases.getCountByCurrency().merge(currency, -1L, Long::sum);
                    BigDecimal spend = purchases.getSpendByCurrency().merge(currency, amount.negate(), BigDecimal::add);
                    if (inCurrency <= 0) {
                        purchases.getCountByCurrency().remove(currency);
                        purchases.getSpendByCurrency().remove(currency);
                        purchases.getAverageBasketByCurrency().remove(currency);
                    } else {
                        purchases.getAverageBasketByCurrency().put(currency, averageBasket(spend, inCurrency));
                    }
                }
                PurchaseHistory.unrecord(profile, ProfileDerivations.day(counted.getOccurredAt()), false, currency, amount);
            }
            case RETURN -> {
                purchases.setReturnCount(purchases.getReturnCount() - 1);
                if (currency != null && amount != null) {
                    BigDecimal left = purchases.getReturnsByCurrency().merge(currency, amount.negate(), BigDecimal::add);
                    if (left.signum() == 0) {
                        purchases.getReturnsByCurrency().remove(currency);
                    }
                }
                PurchaseHistory.unrecord(profile, ProfileDerivations.day(counted.getOccurredAt()), true, currency, amount);
            }
            case MESSAGE_SENT -> {
                if (counted.getChannel() == Channel.EMAIL) {
                    engagement.setEmailsSent(engagement.getEmailsSent() - 1);
                }
            }
            case MESSAGE_OPENED -> {
                if (counted.getChannel() == Channel.EMAIL) {
                    engagement.setEmailOpens(engagement.getEmailOpens() - 1);
                }
            }
            case MESSAGE_CLICKED -> {
                if (counted.getChannel() == Channel.EMAIL) {
                    engagement.setEmailClicks(engagement.getEmailClicks() - 1);
                }
            }
            case SMS_REPLY -> engagement.setSmsReplies(engagement.getSmsReplies() - 1);
            case UNSUBSCRIBED -> engagement.setUnsubscribes(engagement.getUnsubscribes() - 1);
            case FEEDBACK -> {
                Feedback feedback = profile.getFeedback();
                feedback.setCount(feedback.getCount() - 1);
                if (counted.getRating() != null) {
                    feedback.setRatings(feedback.getRatings() - 1);
                    feedback.setRatingSum(feedback.getRatingSum() - counted.getRating());
                    feedback.setAverageRating(averageRating(feedback));
                }
            }
            default -> { }
        }
        refresh(profile, now, changed);
        return new ProfileChange(profile, changed);
    }

    /** When {@link #passTime} could next change a derived part; see {@link ProfileDerivations#nextChange}. */
    public Optional<Instant> nextDerivedChange(CustomerProfile profile, Instant now) {
        return derivations.nextChange(profile, now);
    }

    /** Fields every touchpoint writes. */
    private static final Set<String> ALWAYS_TOUCHED = Set.of("version", "updatedAt", "lastEventId", "firstSeenAt",
            "lastSeenAt", "contactsByChannel", "contactsByType");

    /** The aggregates a touchpoint type feeds. */
    private static Set<String> touchedBy(TouchpointType type) {
        return switch (type) {
            case PURCHASE, RETURN -> Set.of("purchases", "purchaseDays", "lastPurchaseDayBeforeWindow");
            case MESSAGE_SENT, MESSAGE_OPENED, MESSAGE_CLICKED, SMS_REPLY, FORM_SUBMITTED, CONTACT_REQUEST ->
                    Set.of("engagement");
            case FEEDBACK -> Set.of("feedback", "engagement");
            case UNSUBSCRIBED -> Set.of("engagement", "consents");
            case CONSENT_GIVEN, CONSENT_WITHDRAWN -> Set.of("consents");
            default -> Set.of();
        };
    }

    /** Derives the time-dependent parts; those derived anew are compared, as they are replaced, not changed in place. */
    void refresh(CustomerProfile p, Instant now, Set<String> changed) {
        var windows = p.getWindows();
        var rfm = p.getRfm();
        var stage = p.getLifecycleStage();
        var days = p.getPurchaseDays().size();
        derivations.refresh(p, now);
        if (!windows.equals(p.getWindows())) {
            changed.add("windows");
        }
        if (!rfm.equals(p.getRfm())) {
            changed.add("rfm");
        }
        if (stage != p.getLifecycleStage()) {
            changed.add("lifecycleStage");
        }
        if (days != p.getPurchaseDays().size()) {
            changed.add("purchaseDays");
            changed.add("lastPurchaseDayBeforeWindow");
        }
    }

    private static void purchase(CustomerProfile p, TouchpointEvent event, Instant now) {
        PurchaseStats purchases = p.getPurchases();
        Instant at = event.getOccurredAt();
        purchases.setCount(purchases.getCount() + 1);
        purchases.setFirstAt(earlier(purchases.getFirstAt(), at));
        purchases.setLastAt(later(purchases.getLastAt(), at));
        String currency = event.getCurrency();
        if (currency != null && event.getAmount() != null) {
            long inCurrency = purchases.getCountByCurrency().merge(currency, 1L, Long::sum);
            BigDecimal spend = purchases.getSpendByCurrency().merge(currency, event.getAmount(), BigDecimal::add);
            purchases.getAverageBasketByCurrency().put(currency, averageBasket(spend, inCurrency));
        }
        PurchaseHistory.record(p, ProfileDerivations.day(at), ProfileDerivations.day(now), false,
                currency, event.getAmount());
    }

    private static void returned(CustomerProfile p, TouchpointEvent event, Instant now) {
        PurchaseStats purchases = p.getPurchases();
        purchases.setReturnCount(purchases.getReturnCount() + 1);
        if (event.getCurrency() != null && event.getAmount() != null) {
            purchases.getReturnsByCurrency().merge(event.getCurrency(), event.getAmount(), BigDecimal::add);
        }
        PurchaseHistory.record(p, ProfileDerivations.day(event.getOccurredAt()), ProfileDerivations.day(now), true,
                event.getCurrency(), event.getAmount());
    }

    /** Gross spend over the purchases in that currency, rounded half-even to cents. */
    static BigDecimal averageBasket(BigDecimal spend, long purchases) {
        return spend.divide(BigDecimal.valueOf(purchases), 2, RoundingMode.HALF_EVEN);
    }

    static Double averageRating(Feedback feedback) {
        return feedback.getRatings() == 0 ? null : (double) feedback.getRatingSum() / feedback.getRatings();
    }

    private static void sent(Engagement engagement, TouchpointEvent event) {
        if (event.getChannel() == Channel.EMAIL) {
            engagement.setEmailsSent(engagement.getEmailsSent() + 1);
            engagement.setLastEmailSentAt(later(engagement.getLastEmailSentAt(), event.getOccurredAt()));
        }
    }

    private static void reacted(Engagement engagement, TouchpointEvent event) {
        Instant at = event.getOccurredAt();
        boolean opened = event.getType() == TouchpointType.MESSAGE_OPENED;
        switch (event.getChannel()) {
            case EMAIL -> {
                if (opened) {
                    engagement.setEmailOpens(engagement.getEmailOpens() + 1);
                } else {
                    engagement.setEmailClicks(engagement.getEmailClicks() + 1);
                }
                engagement.setLastEmailEngagementAt(later(engagement.getLastEmailEngagementAt(), at));
            }
            case SMS -> engagement.setLastSmsEngagementAt(later(engagement.getLastSmsEngagementAt(), at));
            default -> { }
        }
        engaged(engagement, at);
    }

    private static void replied(Engagement engagement, Instant at) {
        engagement.setSmsReplies(engagement.getSmsReplies() + 1);
        engagement.setLastSmsEngagementAt(later(engagement.getLastSmsEngagementAt(), at));
        engaged(engagement, at);
    }

    private static void engaged(Engagement engagement, Instant at) {
        engagement.setLastEngagementAt(later(engagement.getLastEngagementAt(), at));
    }

    private static void feedback(CustomerProfile p, TouchpointEvent event) {
        Feedback feedback = p.getFeedback();
        Instant at = event.getOccurredAt();
        feedback.setCount(feedback.getCount() + 1);
        feedback.setLastAt(later(feedback.getLastAt(), at));
        Integer rating = event.getRating();
        if (rating != null) {
            feedback.setRatings(feedback.getRatings() + 1);
            feedback.setRatingSum(feedback.getRatingSum() + rating);
            feedback.setAverageRating(averageRating(feedback));
            Instant ratedAt = feedback.getLastRatedAt();
            // Newest wins; on a tie the lower rating, so the outcome does not depend on arrival order.
            if (ratedAt == null || at.isAfter(ratedAt) || (at.equals(ratedAt) && rating < feedback.getLastRating())) {
                feedback.setLastRating(rating);
                feedback.setLastRatedAt(at);
            }
        }
        engaged(p.getEngagement(), at);
    }

    /**
     * An unsubscribe from a message's link withdraws the consent that message was sent under: it takes effect as of
     * the message's hand-over, so a consent given after the message stands, in whatever order the two arrive and
     * however late the link is used or replayed (docs/campaigns.md, "Unsubscribe links").
     */
    private static void unsubscribed(CustomerProfile p, TouchpointEvent event) {
        p.getEngagement().setUnsubscribes(p.getEngagement().getUnsubscribes() + 1);
        Instant asOf = event.getMessageSentAt() != null ? event.getMessageSentAt() : event.getOccurredAt();
        consent(p, event, false, event.getConsentPurpose(), asOf);
    }

    /**
     * Newest word wins by occurredAt. On a tie a withdrawal beats a grant (the cautious reading),
     * then the greater eventId, so that arrival order never decides.
     */
    private static void consent(CustomerProfile p, TouchpointEvent event, boolean granted, String purpose, Instant at) {
        String forPurpose = purpose == null || purpose.isBlank() ? DEFAULT_PURPOSE : purpose.strip().toLowerCase(Locale.ROOT);
        Consent offered = new Consent(event.getChannel(), forPurpose, granted, at, event.getSource(),
                event.getEventId(), consentAddress(p, event));
        p.getConsents().merge(consentKey(event.getChannel(), forPurpose), offered,
                (held, candidate) -> supersedes(candidate, held) ? candidate : held);
    }

    /**
     * The address a consent is given for: the one the event names for its channel, else the address the
     * profile holds for that channel (docs/identity.md, "Consent belongs to an address").
     */
    private static String consentAddress(CustomerProfile p, TouchpointEvent event) {
        String named = switch (event.getChannel()) {
            case EMAIL -> event.getCustomer().getEmail();
            case SMS -> event.getCustomer().getPhone();
            default -> null;
        };
        return named != null ? named : CustomerProfiles.address(p, event.getChannel());
    }

    /** The key of one consent in {@code CustomerProfile.consents}: {@code EMAIL/marketing}. */
    public static String consentKey(Channel channel, String purpose) {
        return CustomerProfiles.consentKey(channel, purpose);
    }

    /** The newest word by time; on a tie a withdrawal, then the greater eventId, so arrival order never decides. */
    static boolean supersedes(Consent candidate, Consent held) {
        int byTime = candidate.getAt().compareTo(held.getAt());
        if (byTime != 0) {
            return byTime > 0;
        }
        if (candidate.getGranted() != held.getGranted()) {
            return !candidate.getGranted();
        }
        return candidate.getEventId().compareTo(held.getEventId()) > 0;
    }

    /** The register's address when it has one, else the newest seen on a touchpoint. */
    static void addresses(CustomerProfile p) {
        MasterData master = p.getMaster();
        String registerEmail = master == null ? null : master.getEmail();
        String registerPhone = master == null ? null : master.getPhone();
        p.setEmail(registerEmail != null ? registerEmail : p.getSeenEmail() == null ? null : p.getSeenEmail().getValue());
        p.setPhone(registerPhone != null ? registerPhone : p.getSeenPhone() == null ? null : p.getSeenPhone().getValue());
    }

    private static MasterData master(CustomerRecord r) {
        var company = r.getCompany();
        return new MasterData(r.getFirstName(), r.getLastName(), r.getEmail(), r.getPhone(), r.getPostalCode(),
                r.getMunicipality(), r.getRegion(), r.getCountry(), r.getLanguage(), r.getTimeZone(),
                r.getKeyAccountTier(), company == null ? null : company.getName(),
                company == null ? null : company.getBusinessId(), r.getUpdatedAt());
    }

    private static void count(Map<String, ContactStats> counts, String key, Instant at) {
        ContactStats stats = counts.get(key);
        if (stats == null) {
            counts.put(key, new ContactStats(1L, at, at));
        } else {
            stats.setCount(stats.getCount() + 1);
            stats.setFirstAt(earlier(stats.getFirstAt(), at));
            stats.setLastAt(later(stats.getLastAt(), at));
        }
    }

    /** One contact fewer; an entry that counts nothing any more goes. */
    private static void uncount(Map<String, ContactStats> counts, String key) {
        ContactStats stats = counts.get(key);
        if (stats == null) {
            return;
        }
        if (stats.getCount() <= 1) {
            counts.remove(key);
        } else {
            stats.setCount(stats.getCount() - 1);
        }
    }

    /** The newer of two sightings of an address; on a tie the lexically smaller, so order never decides. */
    static SeenIdentifier newer(SeenIdentifier held, String value, Instant at) {
        if (value == null) {
            return held;
        }
        if (held == null || at.isAfter(held.getAt())
                || (at.equals(held.getAt()) && value.compareTo(held.getValue()) < 0)) {
            return new SeenIdentifier(value, at);
        }
        return held;
    }

    /** The earlier of two instants, either of which may be null. */
    static Instant earlier(Instant a, Instant b) {
        return a == null || (b != null && b.isBefore(a)) ? b : a;
    }

    /** The later of two instants, either of which may be null. */
    static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
