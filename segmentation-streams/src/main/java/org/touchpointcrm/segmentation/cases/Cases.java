package org.touchpointcrm.segmentation.cases;

import java.time.Clock;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * The cases' sub-topology (docs/cases.md): {@code crm.case-commands} (raises from {@link CaseRaising}, staff commands
 * from /v1/cases), keyed by store key → {@code apply-case-commands} (stores {@value ApplyCaseCommands#STORE},
 * {@value ApplyCaseCommands#MATCH_STORE}) → every change to {@code crm.case-events}, every changed case to the
 * compacted {@code crm.cases}.
 */
@Component
public class Cases {

    private final CrmSerdes serdes;
    private final CaseProperties properties;
    private final Clock clock;

    public Cases(CrmSerdes serdes, CaseProperties properties, Clock clock) {
        this.serdes = serdes;
        this.properties = properties;
        this.clock = clock;
    }

    @Autowired
    public void build(StreamsBuilder builder) {
        builder.addStateStore(ApplyCaseCommands.store(serdes.value(Topics.CASES)));
        builder.addStateStore(ApplyCaseCommands.matchStore());
        var book = new CaseBook(properties.maxRaisers());
        KStream<String, CaseEvent> changes = builder.stream(Topics.CASE_COMMANDS.name(),
                        Consumed.with(serdes.key(Topics.CASE_COMMANDS), serdes.value(Topics.CASE_COMMANDS))
                                .withName("read-case-commands"))
                .process(() -> new ApplyCaseCommands(book, clock), Named.as("apply-case-commands"),
                        ApplyCaseCommands.STORE, ApplyCaseCommands.MATCH_STORE);
        changes.to(Topics.CASE_EVENTS.name(), produced(Topics.CASE_EVENTS));
        changes.filter((caseId, event) -> event.getChange() != CaseChange.REFUSED, Named.as("case-changes-applied"))
                .mapValues(CaseEvent::getSnapshot, Named.as("case-of-change"))
                .to(Topics.CASES.name(), produced(Topics.CASES));
    }

    private <V> Produced<String, V> produced(Topic<String, V> topic) {
        return Produced.with(serdes.key(topic), serdes.value(topic)).withName("write-" + topic.name());
    }
}
