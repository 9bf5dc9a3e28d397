package org.touchpointcrm.segmentation.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerTimeline;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

class TimelinePageTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private final CustomerTimelines timelines = new CustomerTimelines(TimelineSettings.DEFAULTS);

    @Test
    void pagesFollowEachOtherThroughNextUntilItIsNull() {
        CustomerTimeline timeline = visitsAtMinutes(1, 2, 3, 4, 5);

        TimelinePage first = TimelinePage.of("c-1", timeline, null, 2);
        TimelinePage second = TimelinePage.of("c-1", timeline, first.next(), 2);
        TimelinePage last = TimelinePage.of("c-1", timeline, second.next(), 2);

        assertThat(first.entries()).extracting(TimelinePage.Entry::at).containsExactly(minute(5), minute(4));
        assertThat(first.next()).isEqualTo(minute(4));
        assertThat(second.entries()).extracting(TimelinePage.Entry::at).containsExactly(minute(3), minute(2));
        assertThat(last.entries()).extracting(TimelinePage.Entry::at).containsExactly(minute(1));
        assertThat(last.next()).isNull();
    }

    @Test
    void aPageDoesNotEndInsideContactsOfTheSameTimeSoThatNoneIsSkipped() {
        CustomerTimeline timeline = visitsAtMinutes(3, 2, 2, 2, 1);

        TimelinePage first = TimelinePage.of("c-1", timeline, null, 2);
        TimelinePage second = TimelinePage.of("c-1", timeline, first.next(), 2);

        assertThat(first.entries()).extracting(TimelinePage.Entry::at).containsExactly(minute(3), minute(2), minute(2),
                minute(2));
        assertThat(second.entries()).extracting(TimelinePage.Entry::at).containsExactly(minute(1));
        assertThat(second.next()).isNull();
    }

    @Test
    void aCustomerWithoutContactsKeptHasAnEmptyPage() {
        TimelinePage page = TimelinePage.of("c-1", null, null, 50);

        assertThat(page.entries()).isEmpty();
        assertThat(page.next()).isNull();
    }

    @Test
    void aCampaignMessagesOutcomeIsNamed() {
        var bounced = Touchpoints.event("c-1", Channel.EMAIL, TouchpointType.MESSAGE_BOUNCED, NOW).build();
        var purchase = Touchpoints.purchase("c-1", "12.50", NOW.minusSeconds(1));

        TimelinePage page = TimelinePage.of("c-1", timelines.add(timelines.add(null, bounced, NOW), purchase, NOW), null, 50);

        assertThat(page.entries()).extracting(TimelinePage.Entry::outcome).containsExactly("BOUNCED", null);
        assertThat(page.entries().get(1).amount()).isEqualByComparingTo("12.50");
        assertThat(page.entries().get(1).store()).isEqualTo("tampere-koskikeskus");
    }

    private CustomerTimeline visitsAtMinutes(int... minutes) {
        CustomerTimeline timeline = null;
        for (int m : minutes) {
            timeline = timelines.add(timeline, Touchpoints.webVisit("c-1", minute(m)), NOW);
        }
        return timeline;
    }

    private static Instant minute(int m) {
        return NOW.minus(Duration.ofMinutes(60 - m));
    }
}
