package org.touchpointcrm.segmentation.cases;

import java.time.Clock;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

/**
 * The cases' sub-topology (docs/cases.md): {@code crm.case-commands} (raises from {@link CaseRaising}, staff commands
 * from /v1/cases), keyed by store key → {@code apply-case-commands} (stores {@value ApplyCaseCommands#STORE},
 * {@value ApplyCaseCommands#MATCH_STORE}) → every change to {@code crm.case-events}, every changed case to the
 * compacted {@code crm.cases}; a case acted on or declined sends its reply, once per raiser, as a CASE_REPLY
 * touchpoint to the touchpoint topic of the channel it was raised on ({@link ReplyTouchpoints}).
 */
public final class Cases {

    private Cases() {
    }

    /** Added by segmentation's one entry point; staff commands and raises both arrive on crm.case-commands. */
    public static void addTo(StreamsBuilder builder, CrmSerdes serdes, CaseProperties properties, Clock clock) {
        builder.addStateStore(ApplyCaseCommands.store(serdes.value(Topics.CASES)));
        builder.addStateStore(ApplyCaseCommands.matchStore());
        var book = new CaseBook(properties.maxRaisers());
        KStream<String, CaseEvent> changes = builder.stream(Topics.CASE_COMMANDS.name(),
                        serdes.consumed(Topics.CASE_COMMANDS).withName("read-case-commands"))
                .process(() -> new ApplyCaseCommands(book, clock), Named.as("apply-case-commands"),
                        ApplyCaseCommands.STORE, ApplyCaseCommands.MATCH_STORE);
        changes.to(Topics.CASE_EVENTS.name(), serdes.produced(Topics.CASE_EVENTS));
        changes.filter((caseId, event) -> event.getChange() != CaseChange.REFUSED, Named.as("case-changes-applied"))
                .mapValues(CaseEvent::getSnapshot, Named.as("case-of-change"))
                .to(Topics.CASES.name(), serdes.produced(Topics.CASES));
        // The reply, once per raiser, back to the channel each raised it on: the timeline and profile record it.
        Topic<String, TouchpointEvent> anyChannel = Topics.ALL_TOUCHPOINTS.getFirst();
        changes.flatMap((caseId, event) -> ReplyTouchpoints.of(event).stream()
                                .map(reply -> KeyValue.pair(reply.getKey(), reply.getValue())).toList(),
                        Named.as("replies-to-raisers"))
                .to((customerId, reply, context) -> Topics.touchpoints(reply.getChannel()).name(),
                        Produced.with(serdes.key(anyChannel), serdes.value(anyChannel)).withName("write-case-replies"));
    }
}
