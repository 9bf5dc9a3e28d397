package org.touchpointcrm.segmentation.hygiene;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.platform.privacy.PersonalData;

/**
 * What a record must satisfy before it may change a profile. Channel systems may write to Kafka
 * directly, past ingest-service's validation, so the stream checks the invariants the profile
 * relies on again; a record that breaks one is dead-lettered whole, never half applied.
 */
public final class InputRules {

    public static final int MAX_EVENT_ID_LENGTH = 128;
    /** A till's clock may run a little fast; a day ahead is a wrong clock or a wrong time zone. */
    public static final Duration MAX_FUTURE_SKEW = Duration.ofHours(1);

    private static final Set<TouchpointType> WITH_AMOUNT = EnumSet.of(TouchpointType.PURCHASE, TouchpointType.RETURN);
    private static final Set<TouchpointType> CONSENT = EnumSet.of(TouchpointType.CONSENT_GIVEN, TouchpointType.CONSENT_WITHDRAWN);

    private final Clock clock;

    public InputRules(Clock clock) {
        this.clock = clock;
    }

    /** @return the event, unchanged, when it may be applied */
    public TouchpointEvent requireValid(TouchpointEvent event) {
        List<String> problems = new ArrayList<>();
        String eventId = event.getEventId();
        if (eventId == null || eventId.isBlank() || eventId.length() > MAX_EVENT_ID_LENGTH) {
            problems.add("eventId must be 1 to " + MAX_EVENT_ID_LENGTH + " characters, so that a retry is counted once");
        }
        if (event.getChannel() == Channel.UNKNOWN) {
            problems.add("channel is UNKNOWN: the writer's schema has a channel this reader does not know; upgrade segmentation-streams");
        }
        if (event.getType() == TouchpointType.UNKNOWN) {
            problems.add("type is UNKNOWN: the writer's schema has a type this reader does not know; upgrade segmentation-streams");
        }
        if (!identified(event.getCustomer())) {
            problems.add("customer has no identifier: give customerId, email, phone, loyaltyCardId or anonymousId");
        }
        if (event.getOccurredAt().isAfter(clock.instant().plus(MAX_FUTURE_SKEW))) {
            problems.add("occurredAt " + event.getOccurredAt() + " lies more than " + MAX_FUTURE_SKEW.toHours()
                    + " h in the future: check the sender's clock and time zone");
        }
        if (WITH_AMOUNT.contains(event.getType())) {
            if (event.getAmount() == null || event.getAmount().signum() < 0) {
                problems.add("amount is required for " + event.getType() + " and must be 0 or more");
            }
            if (!isCurrency(event.getCurrency())) {
                problems.add("currency '" + event.getCurrency() + "' is not an ISO 4217 code such as EUR");
            }
        }
        if (event.getRating() != null && (event.getRating() < 1 || event.getRating() > 5)) {
            problems.add("rating " + event.getRating() + " is not between 1 and 5");
        }
        if (CONSENT.contains(event.getType()) && (event.getConsentPurpose() == null || event.getConsentPurpose().isBlank())) {
            problems.add("consentPurpose is required for " + event.getType() + ", e.g. marketing");
        }
        if (!problems.isEmpty()) {
            throw new RejectedRecordException("touchpoint " + PersonalData.redact(eventId) + " rejected: "
                    + String.join("; ", problems));
        }
        return event;
    }

    /** @return the record, unchanged, when it may be applied under {@code key} */
    public CustomerRecord requireValid(String key, CustomerRecord record) {
        if (record.getCustomerId() == null || !record.getCustomerId().equals(key)) {
            // Neither is quoted: this text becomes a dead-letter header and a log line (docs/security.md).
            throw new RejectedRecordException("customer record rejected: its customerId is not the record's key; the"
                    + " register is keyed by customerId, so write it under that key");
        }
        return record;
    }

    private static boolean identified(CustomerIdentifiers ids) {
        return ids != null && (present(ids.getCustomerId()) || present(ids.getEmail()) || present(ids.getPhone())
                || present(ids.getLoyaltyCardId()) || present(ids.getAnonymousId()));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static boolean isCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
