package org.touchpointcrm.segmentation.timeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TimelineEntry;
import org.touchpointcrm.avro.TouchpointEvent;

/**
 * The timeline's rules, without Kafka: a touchpoint goes in at its place by occurredAt (a back-dated
 * one too), newest first; the list is then cut to the settings' count and age.
 */
public final class CustomerTimelines {

    /** The attribute the notifier sets on a campaign message's outcome touchpoints. */
    public static final String CAMPAIGN_ATTRIBUTE = "campaign";

    /** Newest first; equal times by eventId, so that the order does not depend on arrival. */
    static final Comparator<TimelineEntry> NEWEST_FIRST = Comparator.comparing(TimelineEntry::getAt).reversed()
            .thenComparing(TimelineEntry::getEventId);

    private final TimelineSettings settings;

    public CustomerTimelines(TimelineSettings settings) {
        this.settings = settings;
    }

    /**
     * @param held  the stored timeline, or null for a customer's first contact
     * @param event a touchpoint already counted once (after dedupe)
     * @param now   the processing time; entries older than {@code now - maxAge} are dropped
     * @return the timeline to store, or null when nothing is left to keep
     */
    public CustomerTimeline add(CustomerTimeline held, TouchpointEvent event, Instant now) {
        List<TimelineEntry> entries = new ArrayList<>(held == null ? 1 : held.getEntries().size() + 1);
        if (held != null) {
            entries.addAll(held.getEntries());
        }
        entries.add(entry(event));
        return kept(entries, now);
    }

    /**
     * A merge: the survivor's and the retired customer's contacts in one timeline, each event once, cut as usual.
     *
     * @return the timeline to store, or null when nothing is left to keep
     */
    public CustomerTimeline merge(CustomerTimeline held, CustomerTimeline retired, Instant now) {
        Map<String, TimelineEntry> byEvent = new LinkedHashMap<>();
        for (CustomerTimeline timeline : new CustomerTimeline[] {held, retired}) {
            if (timeline != null) {
                timeline.getEntries().forEach(entry -> byEvent.putIfAbsent(entry.getEventId(), entry));
            }
        }
        return kept(new ArrayList<>(byEvent.values()), now);
    }

    private CustomerTimeline kept(List<TimelineEntry> entries, Instant now) {
        Instant oldest = now.minus(settings.maxAge());
        entries.sort(NEWEST_FIRST);
        entries.removeIf(entry -> entry.getAt().isBefore(oldest));
        if (entries.size() > settings.maxEntries()) {
            entries.subList(settings.maxEntries(), entries.size()).clear();
        }
        return entries.isEmpty() ? null : new CustomerTimeline(entries);
    }

    private TimelineEntry entry(TouchpointEvent event) {
        String text = event.getText();
        if (text != null && text.length() > settings.maxTextChars()) {
            text = text.substring(0, settings.maxTextChars());
        }
        return TimelineEntry.newBuilder()
                .setAt(event.getOccurredAt())
                .setEventId(event.getEventId())
                .setChannel(event.getChannel())
                .setType(event.getType())
                .setStoreId(event.getStoreId())
                .setAmount(event.getAmount())
                .setCurrency(event.getCurrency())
                .setText(text)
                .setRating(event.getRating())
                .setCampaignId(event.getAttributes().get(CAMPAIGN_ATTRIBUTE))
                .build();
    }
}
