package org.touchpointcrm.segmentation.timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TimelineEntry;

/**
 * {@code GET /v1/customers/{id}/timeline}: the customer's contacts older than {@code before}, newest
 * first, and {@code next}, the {@code before} of the following page (null when there is none).
 */
public record TimelinePage(String customerId, List<Entry> entries, Instant next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MOST_LIMIT = 200;

    /** One contact; {@code outcome} names what happened to a campaign message (SENT ... UNSUBSCRIBED). */
    public record Entry(Instant at, String eventId, String channel, String type, String store, BigDecimal amount,
                        String currency, String text, Integer rating, String campaignId, String outcome) {

        static Entry of(TimelineEntry entry) {
            return new Entry(entry.getAt(), entry.getEventId(), entry.getChannel().name(), entry.getType().name(),
                    entry.getStoreId(), entry.getAmount(), entry.getCurrency(), entry.getText(), entry.getRating(),
                    entry.getCampaignId(), outcome(entry));
        }

        private static String outcome(TimelineEntry entry) {
            return switch (entry.getType()) {
                case MESSAGE_SENT -> "SENT";
                case MESSAGE_DELIVERED -> "DELIVERED";
                case MESSAGE_OPENED -> "OPENED";
                case MESSAGE_CLICKED -> "CLICKED";
                case MESSAGE_BOUNCED -> "BOUNCED";
                case UNSUBSCRIBED -> "UNSUBSCRIBED";
                default -> null;
            };
        }
    }

    /**
     * A page of at most {@code limit} entries, unless the last ones share their time with the next: a
     * page never ends inside a group of equal times (bounded by the stored count), because {@code before}
     * is exclusive and would skip the rest of the group.
     *
     * @param timeline the stored timeline, or null for a customer without contacts kept
     * @param before   only entries strictly older; null for the newest
     */
    public static TimelinePage of(String customerId, CustomerTimeline timeline, Instant before, int limit) {
        List<Entry> page = new ArrayList<>(Math.min(limit, MOST_LIMIT));
        List<TimelineEntry> entries = timeline == null ? List.of() : timeline.getEntries();
        int i = 0;
        while (i < entries.size() && before != null && !entries.get(i).getAt().isBefore(before)) {
            i++;
        }
        for (; i < entries.size(); i++) {
            TimelineEntry entry = entries.get(i);
            if (page.size() >= limit && !entry.getAt().equals(page.getLast().at())) {
                break;
            }
            page.add(Entry.of(entry));
        }
        Instant next = i < entries.size() ? page.getLast().at() : null;
        return new TimelinePage(customerId, page, next);
    }
}
