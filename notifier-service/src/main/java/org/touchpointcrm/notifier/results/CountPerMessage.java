package org.touchpointcrm.notifier.results;

import java.util.function.Function;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Counts what became of a message (a ledger outcome, a reaction touchpoint), once per send id and
 * kind however often it is reported, for the message's campaign.
 */
final class CountPerMessage<V> implements Processor<String, V, String, ResultCount> {

    private final Function<V, MessageEvent> read;
    private ProcessorContext<String, ResultCount> context;
    private MessageFlags flags;

    /** @param read what a record says of which message; null when it counts for nothing */
    CountPerMessage(Function<V, MessageEvent> read) {
        this.read = read;
    }

    @Override
    public void init(ProcessorContext<String, ResultCount> context) {
        this.context = context;
        this.flags = new MessageFlags(context.getStateStore(ResultsStores.MESSAGE_FLAGS));
    }

    @Override
    public void process(Record<String, V> record) {
        MessageEvent event = record.value() == null ? null : read.apply(record.value());
        if (event != null) {
            flags.first(event.sendId(), event.measure())
                    .ifPresent(count -> context.forward(record.withKey(event.campaignId()).withValue(count)));
        }
    }
}
