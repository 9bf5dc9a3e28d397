package org.touchpointcrm.segmentation.cases;

import java.time.Clock;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CustomerCase;

/**
 * The Kafka side of {@link CaseBook}: reads a store's cases and match index, applies one command, writes them back
 * and forwards every change keyed by case id. Commands arrive keyed by store key, so one task holds all of a store's
 * cases.
 */
public final class ApplyCaseCommands implements Processor<String, CaseCommand, String, CaseEvent> {

    /** caseId to the case; queried by /v1/cases. */
    public static final String STORE = "cases";
    /** storeKey + NUL + normalised text or topic to the case it leads to. */
    public static final String MATCH_STORE = "case-matches";

    private final CaseBook book;
    private final Clock clock;
    private KeyValueStore<String, CustomerCase> cases;
    private KeyValueStore<String, String> matches;
    private ProcessorContext<String, CaseEvent> context;

    public ApplyCaseCommands(CaseBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
    }

    public static StoreBuilder<KeyValueStore<String, CustomerCase>> store(Serde<CustomerCase> serde) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), serde)
                .withCachingEnabled();
    }

    public static StoreBuilder<KeyValueStore<String, String>> matchStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MATCH_STORE), Serdes.String(), Serdes.String())
                .withCachingEnabled();
    }

    @Override
    public void init(ProcessorContext<String, CaseEvent> context) {
        this.context = context;
        this.cases = context.getStateStore(STORE);
        this.matches = context.getStateStore(MATCH_STORE);
    }

    @Override
    public void process(Record<String, CaseCommand> command) {
        if (command.value() == null) {
            return;
        }
        var state = new CaseBook.State() {
            @Override
            public CustomerCase get(String caseId) {
                return cases.get(caseId);
            }

            @Override
            public String matched(String storeKey, String matchKey) {
                return matches.get(CaseBook.matchIndexKey(storeKey, matchKey));
            }
        };
        CaseBook.Outcome outcome = book.apply(command.value(), state, clock.instant());
        outcome.changedCases().forEach(c -> cases.put(c.getCaseId(), c));
        outcome.matches().forEach(matches::put);
        outcome.events().forEach(event -> context.forward(command.withKey(event.getCaseId()).withValue(event)));
    }
}
