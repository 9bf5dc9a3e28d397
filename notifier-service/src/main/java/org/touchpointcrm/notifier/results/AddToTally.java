package org.touchpointcrm.notifier.results;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Adds each count to its campaign's tally (keyed by campaign id by now). */
final class AddToTally implements Processor<String, ResultCount, Void, Void> {

    private KeyValueStore<String, CampaignTally> tallies;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.tallies = context.getStateStore(ResultsStores.CAMPAIGN_RESULTS);
    }

    @Override
    public void process(Record<String, ResultCount> record) {
        CampaignTally known = tallies.get(record.key());
        tallies.put(record.key(), (known == null ? CampaignTally.empty() : known).add(record.value()));
    }
}
