package org.touchpointcrm.crmctl.deadletters;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.KafkaOptions;
import org.touchpointcrm.crmctl.RegistryOptions;
import org.touchpointcrm.schemas.Topics;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crmctl dead-letters show <partition>:<offset>}: everything about one dead letter. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Shows one dead letter: its headers, key, value (as JSON if the registry can decode it, else in hex) "
                + "and the stack trace.")
final class ShowCommand implements Callable<Integer> {

    private static final int HEX_LIMIT = 4096;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafkaOptions;

    @Mixin
    RegistryOptions registryOptions;

    @Mixin
    DeadLetterTopicOption topic;

    @Parameters(paramLabel = "PARTITION:OFFSET", converter = DeadLetterId.Converter.class,
            description = "The dead letter, as 'list' shows its id.")
    DeadLetterId id;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String name = topic.one();
        try (KafkaConnection kafka = kafkaOptions.connect();
             ValueDecoder decoder = new ValueDecoder(registryOptions.connection(), kafka.timeout())) {
            DeadLetter deadLetter = DeadLetterReader.readOne(kafka, name, id).orElseThrow(() -> new CrmctlException("there is no dead letter " + id + " in " + name
                            + " (or it has expired); 'crmctl dead-letters list' shows the ids there are"));
            boolean replayed = ReplayLedger.replayedNow(kafka).contains(deadLetter.ledgerKey());
            print(out, deadLetter, replayed, decoder);
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, DeadLetter deadLetter, boolean replayed, ValueDecoder decoder) {
        out.println("dead letter " + deadLetter.id() + " of " + deadLetter.topic());
        out.println("  time      " + deadLetter.timestamp());
        out.println("  source    " + deadLetter.source());
        out.println("  error     " + deadLetter.errorClass());
        out.println("  message   " + deadLetter.errorMessage().replace("\n", "\n            "));
        out.println("  replayed  " + (replayed ? "yes (" + Topics.DLQ_REPLAYS.name() + " key " + deadLetter.ledgerKey() + ")" : "no"));
        out.println();
        out.println("headers:");
        for (Header header : deadLetter.headers()) {
            out.println("  " + header.key() + " = " + headerText(header));
        }
        out.println();
        out.println("key: " + deadLetter.keyText());
        out.println();
        switch (decoder.decode(deadLetter.value())) {
            case ValueDecoder.Json json -> {
                out.println("value (Avro " + json.schemaName() + ", schema id " + json.schemaId() + "):");
                out.println(json.json());
            }
            case ValueDecoder.NotDecoded notDecoded -> {
                int length = deadLetter.value() == null ? 0 : deadLetter.value().length;
                out.println("value (" + length + " bytes, not decoded: " + notDecoded.reason() + "):");
                out.print(HexDump.dump(deadLetter.value() == null ? new byte[0] : deadLetter.value(), HEX_LIMIT));
            }
        }
        out.println();
        out.println("stack trace:");
        out.println(deadLetter.stackTrace().stripTrailing());
    }

    /** The stack trace is printed at the end, whole; every other header as text. */
    private static String headerText(Header header) {
        if (header.value() == null) {
            return "(null)";
        }
        if (ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME.equals(header.key())) {
            return "(below)";
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
