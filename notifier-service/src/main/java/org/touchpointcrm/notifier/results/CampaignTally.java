package org.touchpointcrm.notifier.results;

import java.util.Map;
import java.util.TreeMap;

/** A campaign's counters so far, by {@link ResultCount#counter()} name; what the results store keeps. */
public record CampaignTally(Map<String, Long> counts) {

    public static CampaignTally empty() {
        return new CampaignTally(Map.of());
    }

    public CampaignTally add(ResultCount count) {
        var next = new TreeMap<>(counts);
        next.merge(count.counter(), 1L, Long::sum);
        return new CampaignTally(next);
    }

    public long of(Group group, Measure measure) {
        return counts.getOrDefault(group + "/" + measure, 0L);
    }

    /** Suppressions by reason, CONTROL_GROUP included. */
    public Map<String, Long> suppressedByReason() {
        var byReason = new TreeMap<String, Long>();
        String prefix = Measure.SUPPRESSED + "/";
        counts.forEach((name, n) -> {
            if (name.startsWith(prefix)) {
                byReason.put(name.substring(prefix.length()), n);
            }
        });
        return byReason;
    }
}
