package org.touchpointcrm.segmentation.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TimelineEntry;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

class CustomerTimelinesTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final CustomerTimelines timelines = new CustomerTimelines(new TimelineSettings(3, Duration.ofDays(30), 10));

    @Test
    void aBackDatedContactTakesItsPlaceByTimeNewestFirst() {
        CustomerTimeline timeline = add(null, Touchpoints.purchase("c-1", "10.00", NOW.minusSeconds(60)));
        timeline = add(timeline, Touchpoints.webVisit("c-1", NOW));
        timeline = add(timeline, Touchpoints.emailOpened("c-1", NOW.minusSeconds(3600)));

        assertThat(timeline.getEntries()).extracting(TimelineEntry::getType)
                .containsExactly(TouchpointType.WEB_VISIT, TouchpointType.PURCHASE, TouchpointType.MESSAGE_OPENED);
    }

    @Test
    void onlyTheNewestContactsUpToTheCountAreKept() {
        CustomerTimeline timeline = null;
        for (int minute = 0; minute < 5; minute++) {
            timeline = add(timeline, Touchpoints.webVisit("c-1", NOW.minusSeconds(60L * (5 - minute))));
        }

        assertThat(timeline.getEntries()).extracting(TimelineEntry::getAt)
                .containsExactly(NOW.minusSeconds(60), NOW.minusSeconds(120), NOW.minusSeconds(180));
    }

    @Test
    void contactsOlderThanTheAgeFallOutAndAnOldOneIsNotKeptAtAll() {
        CustomerTimeline timeline = add(null, Touchpoints.webVisit("c-1", NOW.minus(Duration.ofDays(29))));
        assertThat(timeline.getEntries()).hasSize(1);

        CustomerTimeline later = timelines.add(timeline, Touchpoints.webVisit("c-1", NOW.plus(Duration.ofDays(2))),
                NOW.plus(Duration.ofDays(2)));
        assertThat(later.getEntries()).extracting(TimelineEntry::getAt).containsExactly(NOW.plus(Duration.ofDays(2)));

        assertThat(add(null, Touchpoints.webVisit("c-1", NOW.minus(Duration.ofDays(31))))).isNull();
    }

    @Test
    void aCampaignOutcomeKeepsItsCampaignAndATextIsCut() {
        TouchpointEvent clicked = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.MESSAGE_CLICKED, NOW)
                .setAttributes(Map.of(CustomerTimelines.CAMPAIGN_ATTRIBUTE, "win-back-lapsing", "url", "https://x.fi"))
                .build();
        TouchpointEvent feedback = Touchpoints.event("c-1", Channel.WEB, TouchpointType.FEEDBACK, NOW.minusSeconds(5))
                .setText("The service was excellent today").setRating(5).build();

        CustomerTimeline timeline = add(add(null, clicked), feedback);

        assertThat(timeline.getEntries().get(0).getCampaignId()).isEqualTo("win-back-lapsing");
        assertThat(timeline.getEntries().get(1).getText()).isEqualTo("The servic");
        assertThat(timeline.getEntries().get(1).getRating()).isEqualTo(5);
    }

    private CustomerTimeline add(CustomerTimeline held, TouchpointEvent event) {
        return timelines.add(held, event, NOW);
    }
}
