package org.touchpointcrm.notifier.delivery;

import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaTemplate;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.platform.privacy.PersonalData;
import org.touchpointcrm.schemas.DeadLetterHeaders;
import org.touchpointcrm.schemas.Topics;

/**
 * A campaign message that failed for good goes to {@code crm.dlq.notifier}: its bytes and headers as on
 * crm.campaign-messages, with the error headers Kafka Streams' own dead-letter records carry
 * (ExceptionHandlerUtils), so crmctl lists and replays them like the other dead letters, and
 * {@value DeadLetterHeaders#DELIVERY_FAILURE_KIND} (PERMANENT or TRANSIENT), by which crmctl refuses to replay what the provider refused
 * for good (the replay would hand the same message to the same address again).
 */
public class DeliveryDeadLetters {

    private static final Set<String> OURS = Set.of(HEADER_ERRORS_EXCEPTION_NAME, HEADER_ERRORS_EXCEPTION_MESSAGE_NAME,
            HEADER_ERRORS_STACKTRACE_NAME, HEADER_ERRORS_TOPIC_NAME, HEADER_ERRORS_PARTITION_NAME, HEADER_ERRORS_OFFSET_NAME,
            DeadLetterHeaders.DELIVERY_FAILURE_KIND);

    private final KafkaTemplate<byte[], byte[]> kafka;
    private final Serializer<CampaignMessage> messages;
    private final Duration timeout;

    public DeliveryDeadLetters(KafkaTemplate<byte[], byte[]> kafka, Serializer<CampaignMessage> messages, Duration timeout) {
        this.kafka = kafka;
        this.messages = messages;
        this.timeout = timeout;
    }

    /**
     * Writes the dead letter and returns once the broker has it.
     *
     * @param original the value's bytes as read, kept as they are; null: serialised again from the record
     */
    public void deadLetter(ConsumerRecord<String, CampaignMessage> source, byte[] original, Exception failure) {
        byte[] key = source.key() == null ? null : source.key().getBytes(StandardCharsets.UTF_8);
        var record = new ProducerRecord<>(Topics.DLQ_NOTIFIER.name(), null, key,
                original != null ? original : messages.serialize(source.topic(), source.value()));
        // The original headers (a replay's crm.replayed-from among them), without an earlier failure's.
        for (Header header : source.headers()) {
            if (!OURS.contains(header.key())) {
                record.headers().add(header);
            }
        }
        String kind = failure instanceof DeliveryFailure f ? f.kind().name() : DeliveryFailure.Kind.TRANSIENT.name();
        String recipient = source.value().getRecipient();
        var stackTrace = new StringWriter();
        failure.printStackTrace(new PrintWriter(stackTrace));
        record.headers()
                .add(HEADER_ERRORS_EXCEPTION_NAME, utf8(failure.getClass().getName()))
                // The causes' messages in the stack trace quote the recipient (an SMTP refusal does): redacted.
                .add(HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, utf8(PersonalData.redact(String.valueOf(failure.getMessage()), recipient)))
                .add(HEADER_ERRORS_STACKTRACE_NAME, utf8(redactLines(stackTrace.toString(), recipient)))
                .add(HEADER_ERRORS_TOPIC_NAME, utf8(source.topic()))
                .add(HEADER_ERRORS_PARTITION_NAME, utf8(Integer.toString(source.partition())))
                .add(HEADER_ERRORS_OFFSET_NAME, utf8(Long.toString(source.offset())))
                .add(DeadLetterHeaders.DELIVERY_FAILURE_KIND, utf8(kind));
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LedgerUnavailableException("the broker did not acknowledge the dead letter of send "
                    + source.value().getMessageId() + " in " + Topics.DLQ_NOTIFIER.name() + " within " + timeout + " (" + e
                    + "); the message is taken up again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while dead-lettering send " + source.value().getMessageId(), e);
        }
    }

    /** Redacted line by line: the stack trace keeps its lines, a cause's message loses its address. */
    private static String redactLines(String stackTrace, String recipient) {
        return stackTrace.lines().map(line -> PersonalData.redact(line, recipient)).collect(Collectors.joining(System.lineSeparator()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
