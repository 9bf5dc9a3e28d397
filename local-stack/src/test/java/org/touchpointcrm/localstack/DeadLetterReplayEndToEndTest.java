package org.touchpointcrm.localstack;

import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.localstack.StackClient.purchase;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.DeadLetterReplay;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.crmctl.Crmctl;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

/**
 * Dead letters on the running local stack, handled with crmctl as an operator would (in-process, with
 * the real registry): a touchpoint segmentation-streams rejects is listed with its error, and a purchase
 * that an earlier release dead-lettered is replayed into its topic once and counted once.
 */
class DeadLetterReplayEndToEndTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static LocalStack stack;
    private static StackClient client;
    private static CrmSerdes serdes;

    @BeforeAll
    static void startTheStack() throws Exception {
        client = StackClient.startStack("dead-letter-replay-test-data", BOUND);
        stack = client.stack();
        serdes = CrmSerdes.withRegistry(stack.registryUrl());
    }

    @AfterAll
    static void stopTheStack() {
        if (client != null) {
            client.close();
        }
    }

    /** crmctl's exit code and what it printed, run against the stack. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run crmctl(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-server", stack.bootstrapServers()));
        var commandLine = Crmctl.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static TouchpointEvent purchaseAt(String eventId, String customer, Instant occurredAt) {
        return TouchpointEvent.newBuilder()
                .setEventId(eventId).setOccurredAt(occurredAt).setChannel(Channel.POS).setType(TouchpointType.PURCHASE)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(customer).build())
                .setAmount(new BigDecimal("25.00")).setCurrency("EUR").setStoreId("tampere-koskikeskus").build();
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void aTouchpointSegmentationRejectsIsListedWithItsErrorAndShownDecoded() throws Exception {
        String customer = "c-future-" + UUID.randomUUID();
        String eventId = "future-" + UUID.randomUUID();
        byte[] value = serdes.value(Topics.TOUCHPOINTS_POS).serializer().serialize(Topics.TOUCHPOINTS_POS.name(),
                purchaseAt(eventId, customer, Instant.now().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MILLIS)));
        try (var producer = producer()) {
            producer.send(new ProducerRecord<>(Topics.TOUCHPOINTS_POS.name(), customer.getBytes(StandardCharsets.UTF_8), value)).get();
        }

        Run list = await().atMost(BOUND).pollInterval(Duration.ofMillis(500))
                .until(() -> crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name(), "--source-topic", Topics.TOUCHPOINTS_POS.name()),
                        run -> run.out().contains(customer));

        String line = list.out().lines().filter(l -> l.contains(customer)).findFirst().orElseThrow();
        assertThat(line).contains("RejectedRecordException", "touchpoint " + eventId + " rejected: occurredAt").endsWith("no");
        String id = line.substring(0, line.indexOf(' '));
        Run show = crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id, "--registry", stack.registryUrl().toString());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("error     org.touchpointcrm.segmentation.hygiene.RejectedRecordException",
                "lies more than 1 h in the future: check the sender's clock and time zone",
                "value (Avro org.touchpointcrm.avro.TouchpointEvent", "\"eventId\" : \"" + eventId + "\"");
    }

    @Test
    void aPurchaseAnEarlierReleaseDeadLetteredIsReplayedOnceAndCountedOnce() throws Exception {
        String customer = "c-replay-" + UUID.randomUUID();
        String eventId = "replay-" + UUID.randomUUID();
        byte[] key = customer.getBytes(StandardCharsets.UTF_8);
        byte[] value = serdes.value(Topics.TOUCHPOINTS_POS).serializer().serialize(Topics.TOUCHPOINTS_POS.name(),
                purchaseAt(eventId, customer, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        // As Kafka Streams' dead-letter handler writes it: original key, value and timestamp, its error headers.
        int sourcePartition = Utils.toPositive(Utils.murmur2(key)) % Topics.TOUCHPOINTS_POS.partitions();
        var deadLetter = new ProducerRecord<>(Topics.DLQ_SEGMENTATION.name(), null, System.currentTimeMillis(), key, value);
        deadLetter.headers()
                .add(HEADER_ERRORS_EXCEPTION_NAME, bytes("org.touchpointcrm.segmentation.hygiene.RejectedRecordException"))
                .add(HEADER_ERRORS_EXCEPTION_MESSAGE_NAME, bytes("touchpoint " + eventId + " rejected by an earlier release"))
                .add(HEADER_ERRORS_STACKTRACE_NAME, bytes("org.touchpointcrm.segmentation.hygiene.RejectedRecordException: ..."))
                .add(HEADER_ERRORS_TOPIC_NAME, bytes(Topics.TOUCHPOINTS_POS.name()))
                .add(HEADER_ERRORS_PARTITION_NAME, bytes(Integer.toString(sourcePartition)))
                .add(HEADER_ERRORS_OFFSET_NAME, bytes("1234"));
        RecordMetadata placed;
        try (var producer = producer()) {
            placed = producer.send(deadLetter).get();
        }
        String id = placed.partition() + ":" + placed.offset();
        assertThat(client.profile(customer)).as("no profile before the replay").isEmpty();

        Run replay = crmctl("dead-letters", "replay", "--topic", Topics.DLQ_SEGMENTATION.name(), "--id", id, "--registry", stack.registryUrl().toString());

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 1 dead letter from " + Topics.DLQ_SEGMENTATION.name(),
                Topics.TOUCHPOINTS_POS.name() + "  1");
        client.awaitProfile(customer, p -> p.get("purchases").get("count").asLong() == 1);

        Run again = crmctl("dead-letters", "replay", "--topic", Topics.DLQ_SEGMENTATION.name(), "--id", id, "--registry", stack.registryUrl().toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("replayed nothing", "all 1 selected were replayed before");
        String replayedFrom = Topics.deadLetterReplayKey(Topics.DLQ_SEGMENTATION.name(), placed.partition(), placed.offset());
        assertThat(records(Topics.TOUCHPOINTS_POS.name(), sourcePartition))
                .filteredOn(r -> replayedFrom.equals(header(r, "crm.replayed-from"))).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo(value));
        assertThat(records(Topics.DLQ_REPLAYS.name(), -1)).filteredOn(r -> replayedFrom.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .singleElement().satisfies(r -> {
                    DeadLetterReplay entry = serdes.value(Topics.DLQ_REPLAYS).deserializer().deserialize(Topics.DLQ_REPLAYS.name(), r.value());
                    assertThat(entry.getTargetTopic()).isEqualTo(Topics.TOUCHPOINTS_POS.name());
                    assertThat(entry.getOffset()).isEqualTo(placed.offset());
                });
        // A purchase after the replays, on the same partition: once it shows, the replays are all processed.
        assertThat(client.post(purchase(UUID.randomUUID().toString(), customer, customer + "@example.fi", "10.00")).statusCode())
                .isEqualTo(202);
        client.awaitProfile(customer, p -> p.get("purchases").get("count").asLong() == 2);
    }

    /** The committed records of one partition (or all, for -1), from the beginning to the end they have now. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic, int partition) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .filter(p -> partition < 0 || p.partition() == partition)
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(BOUND).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
