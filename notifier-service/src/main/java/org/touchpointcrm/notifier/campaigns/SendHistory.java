package org.touchpointcrm.notifier.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SEND decisions this app made for one customer, oldest first: what the global and the campaign caps
 * count. A deferred send counts from when it was decided.
 */
public record SendHistory(List<Sent> sends) {

    public record Sent(String campaignId, Instant decidedAt) {
    }

    public static final SendHistory EMPTY = new SendHistory(List.of());

    public SendHistory {
        sends = List.copyOf(sends);
    }

    /** Sends of any campaign decided within the period before now (an instant exactly a period ago no longer counts). */
    public long within(Duration period, Instant now) {
        Instant after = now.minus(period);
        return sends.stream().filter(s -> s.decidedAt().isAfter(after)).count();
    }

    public long within(String campaignId, Duration period, Instant now) {
        Instant after = now.minus(period);
        return sends.stream().filter(s -> s.campaignId().equals(campaignId) && s.decidedAt().isAfter(after)).count();
    }

    /** This history with one more send, without the sends no cap can count any longer. */
    public SendHistory plus(String campaignId, Instant decidedAt, Duration longestPeriod) {
        Instant after = decidedAt.minus(longestPeriod);
        var kept = new ArrayList<Sent>();
        sends.stream().filter(s -> s.decidedAt().isAfter(after)).forEach(kept::add);
        kept.add(new Sent(campaignId, decidedAt));
        return new SendHistory(kept);
    }
}
