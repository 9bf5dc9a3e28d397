package org.touchpointcrm.segmentation.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;


import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.TouchpointEvent;

/** The profile after one more touchpoint: pure, so that it is tested without Kafka. */
public final class ProfileUpdater {

    private ProfileUpdater() {
    }

    /** @param before the profile so far, or null for a customer seen for the first time */
    public static CustomerProfile apply(CustomerProfile before, String customerId, TouchpointEvent event) {
        CustomerProfile profile = before == null ? empty(customerId, event.getOccurredAt()) : copy(before);
        Instant at = event.getOccurredAt();
        profile.setVersion(profile.getVersion() + 1);
        profile.setLastEventId(event.getEventId());
        if (at.isBefore(profile.getFirstSeenAt())) {
            profile.setFirstSeenAt(at);
        }
        if (at.isAfter(profile.getLastSeenAt())) {
            profile.setLastSeenAt(at);
        }
        var ids = event.getCustomer();
        if (ids.getEmail() != null) {
            profile.setEmail(ids.getEmail());
        }
        if (ids.getPhone() != null) {
            profile.setPhone(ids.getPhone());
        }
        profile.getContactsByChannel().merge(event.getChannel().name(), 1L, Long::sum);
        switch (event.getType()) {
            case PURCHASE -> recordPurchase(profile, event);
            case RETURN -> addSpend(profile, event.getCurrency(), event.getAmount().negate());
            default -> { }
        }
        return profile;
    }

    private static void recordPurchase(CustomerProfile profile, TouchpointEvent event) {
        Instant at = event.getOccurredAt();
        profile.setPurchaseCount(profile.getPurchaseCount() + 1);
        addSpend(profile, event.getCurrency(), event.getAmount());
        if (profile.getFirstPurchaseAt() == null || at.isBefore(profile.getFirstPurchaseAt())) {
            profile.setFirstPurchaseAt(at);
        }
        if (profile.getLastPurchaseAt() == null || at.isAfter(profile.getLastPurchaseAt())) {
            profile.setLastPurchaseAt(at);
        }
    }

    private static void addSpend(CustomerProfile profile, String currency, BigDecimal amount) {
        if (currency != null && amount != null) {
            profile.getSpendByCurrency().merge(currency, amount, BigDecimal::add);
        }
    }

    private static CustomerProfile empty(String customerId, Instant at) {
        return CustomerProfile.newBuilder()
                .setCustomerId(customerId)
                .setVersion(0)
                .setFirstSeenAt(at)
                .setLastSeenAt(at)
                .setContactsByChannel(new HashMap<>())
                .setPurchaseCount(0)
                .setSpendByCurrency(new HashMap<>())
                .setSegments(new ArrayList<>())
                .build();
    }

    /** A deep copy: the store's instance must never change under a reader. */
    private static CustomerProfile copy(CustomerProfile profile) {
        CustomerProfile copy = CustomerProfile.newBuilder(profile).build();
        copy.setContactsByChannel(new HashMap<>(profile.getContactsByChannel()));
        copy.setSpendByCurrency(new HashMap<>(profile.getSpendByCurrency()));
        copy.setSegments(new ArrayList<>(profile.getSegments()));
        return copy;
    }

}
