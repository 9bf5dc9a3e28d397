package org.touchpointcrm.segmentation.properties;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

/**
 * Seeded random histories of a few customers: every kind of touchpoint the profile reads, times
 * drawn from a coarse grid so that ties (same occurredAt) happen, amounts in two currencies, some
 * events older than the longest window, and register records. The same seed gives the same history.
 */
final class RandomHistories {

    static final String[] CUSTOMERS = {"c-1", "c-2", "c-3"};
    private static final String[] EMAILS = {"a@example.fi", "b@example.fi", "c@example.fi"};
    private static final String[] REGIONS = {"Uusimaa", "Pirkanmaa", "Lappi"};

    private final Random random;
    private final Instant now;

    RandomHistories(long seed, Instant now) {
        this.random = new Random(seed);
        this.now = now;
    }

    /** Touchpoints and register records, in the order they were generated. */
    List<Object> history(int size) {
        List<Object> events = new ArrayList<>(size);
        long registerVersion = 0;
        for (int i = 0; i < size; i++) {
            String customer = CUSTOMERS[random.nextInt(CUSTOMERS.length)];
            if (random.nextInt(12) == 0) {
                // Register versions have distinct updatedAt, as the register writes them.
                events.add(register(customer, now.minus(Duration.ofDays(30)).plusSeconds(++registerVersion)));
            } else {
                events.add(touchpoint(customer));
            }
        }
        return events;
    }

    /** The same records in another order. */
    List<Object> shuffled(List<Object> history) {
        List<Object> copy = new ArrayList<>(history);
        Collections.shuffle(copy, random);
        return copy;
    }

    /** The history with some touchpoints sent again, as retrying clients do. */
    List<Object> withRetries(List<Object> history) {
        List<Object> copy = new ArrayList<>(history);
        for (Object record : history) {
            if (record instanceof TouchpointEvent event && random.nextInt(3) == 0) {
                copy.add(random.nextInt(copy.size() + 1), Touchpoints.retried(event));
            }
        }
        return copy;
    }

    private TouchpointEvent touchpoint(String customer) {
        Instant at = time();
        TouchpointType type = pick(TouchpointType.PURCHASE, TouchpointType.PURCHASE, TouchpointType.RETURN,
                TouchpointType.WEB_VISIT, TouchpointType.MESSAGE_SENT, TouchpointType.MESSAGE_OPENED,
                TouchpointType.MESSAGE_CLICKED, TouchpointType.SMS_REPLY, TouchpointType.FEEDBACK,
                TouchpointType.CONSENT_GIVEN, TouchpointType.CONSENT_WITHDRAWN, TouchpointType.UNSUBSCRIBED,
                TouchpointType.FORM_SUBMITTED, TouchpointType.LOYALTY_SCAN);
        Channel channel = switch (type) {
            case PURCHASE, RETURN, LOYALTY_SCAN -> Channel.POS;
            case SMS_REPLY -> Channel.SMS;
            case WEB_VISIT, FORM_SUBMITTED -> Channel.WEB;
            default -> pick(Channel.EMAIL, Channel.SMS);
        };
        var event = Touchpoints.event(customer, channel, type, at);
        event.getCustomer().setEmail(pick(EMAILS));
        switch (type) {
            case PURCHASE, RETURN -> event.setAmount(BigDecimal.valueOf(random.nextInt(30_000), 2))
                    .setCurrency(random.nextInt(5) == 0 ? "SEK" : "EUR");
            case FEEDBACK -> event.setText("palaute").setRating(random.nextBoolean() ? 1 + random.nextInt(5) : null);
            case SMS_REPLY -> event.setText("kiitos");
            case CONSENT_GIVEN, CONSENT_WITHDRAWN -> event.setConsentPurpose(pick("marketing", "newsletter"));
            default -> { }
        }
        return event.build();
    }

    private CustomerRecord register(String customer, Instant updatedAt) {
        return CustomerRecord.newBuilder().setCustomerId(customer).setLastName("Virtanen")
                .setEmail(random.nextBoolean() ? pick(EMAILS) : null).setRegion(pick(REGIONS))
                .setKeyAccountTier(pick(KeyAccountTier.NONE, KeyAccountTier.GOLD)).setUpdatedAt(updatedAt).build();
    }

    /** A coarse grid over the last 400 days: 40 instants, so ties are common. */
    private Instant time() {
        return now.minus(Duration.ofDays(10L * random.nextInt(40))).minus(Duration.ofHours(random.nextInt(2)));
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
