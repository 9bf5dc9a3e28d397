package org.touchpointcrm.crmctl.deadletters;

import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.touchpointcrm.schemas.Topics;

/**
 * One record of a dead-letter topic as Kafka Streams writes it (KIP-1034): the original key, value and
 * headers, the original timestamp, and Streams' error headers. The header names are Kafka's own
 * constants (public, though in an {@code internals} package), so they follow Kafka if it renames them.
 */
public record DeadLetter(String topic, DeadLetterId id, Instant timestamp, byte[] key, byte[] value, Headers headers) {

    /** Streams' error headers: everything about the failure, nothing of the original record. */
    static final Set<String> ERROR_HEADERS = Set.of(HEADER_ERRORS_EXCEPTION_NAME, HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
            HEADER_ERRORS_STACKTRACE_NAME, HEADER_ERRORS_TOPIC_NAME, HEADER_ERRORS_PARTITION_NAME, HEADER_ERRORS_OFFSET_NAME);

    static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
        return new DeadLetter(record.topic(), new DeadLetterId(record.partition(), record.offset()),
                Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(), record.headers());
    }

    /** The topic the record was read from when it failed; empty if Streams did not say (not a Streams dead letter). */
    public Optional<String> sourceTopic() {
        return header(HEADER_ERRORS_TOPIC_NAME);
    }

    public OptionalInt sourcePartition() {
        return header(HEADER_ERRORS_PARTITION_NAME).map(Integer::parseInt).map(OptionalInt::of).orElseGet(OptionalInt::empty);
    }

    public OptionalLong sourceOffset() {
        return header(HEADER_ERRORS_OFFSET_NAME).map(Long::parseLong).map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    /** Where it came from, {@code topic/partition/offset}, or {@code ?} for what Streams did not say. */
    public String source() {
        return sourceTopic().orElse("?") + "/" + header(HEADER_ERRORS_PARTITION_NAME).orElse("?") + "/"
                + header(HEADER_ERRORS_OFFSET_NAME).orElse("?");
    }

    /** The exception's class name, as Streams wrote it. */
    public String errorClass() {
        return header(HEADER_ERRORS_EXCEPTION_NAME).orElse("(no error header)");
    }

    /** The class name without its package, as {@code list} shows it. */
    public String errorSimpleName() {
        String name = errorClass();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    public String errorMessage() {
        return header(HEADER_ERRORS_EXCEPTION_MESSAGE_NAME).orElse("");
    }

    public String stackTrace() {
        return header(HEADER_ERRORS_STACKTRACE_NAME).orElse("(none)");
    }

    /** The key as text when it is UTF-8 without control characters, else in hex. */
    public String keyText() {
        if (key == null) {
            return "(null)";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        boolean printable = text.codePoints().noneMatch(c -> Character.isISOControl(c) || c == 0xFFFD);
        return printable ? text : "0x" + HexDump.hex(key);
    }

    /** The record's own headers, as it had them before it failed: Streams' error headers and an earlier replay's mark left out. */
    public Headers originalHeaders() {
        Headers original = new RecordHeaders();
        for (Header header : headers) {
            if (!ERROR_HEADERS.contains(header.key()) && !Replayer.REPLAYED_FROM_HEADER.equals(header.key())) {
                original.add(header);
            }
        }
        return original;
    }

    /** Its key on the replay ledger. */
    public String ledgerKey() {
        return Topics.deadLetterReplayKey(topic, id.partition(), id.offset());
    }

    /** Where a replay says it came from: {@code <dead-letter topic>/<partition>/<offset>}. */
    public String replayedFrom() {
        return ledgerKey();
    }

    private Optional<String> header(String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
