package org.touchpointcrm.crmctl.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.bytes;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.rejected;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.write;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.DeadLetterReplay;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.crmctl.CrmctlRun;
import org.touchpointcrm.crmctl.KraftBroker;
import org.touchpointcrm.crmctl.KafkaConnection;
import org.touchpointcrm.crmctl.TestBroker;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.RegistryConnection;
import org.touchpointcrm.schemas.Topics;

import com.sun.net.httpserver.HttpServer;

/**
 * {@code dead-letters replay}: each selected dead letter reaches its original topic exactly once, as
 * read_committed readers (every service) see it, through repeated runs, crashes and concurrent runs.
 */
@KraftBroker
class ReplayExactlyOnceTest {

    private static final String DLQ = Topics.DLQ_SEGMENTATION.name();
    private static final String POS = Topics.TOUCHPOINTS_POS.name();
    private static final String WEB = Topics.TOUCHPOINTS_WEB.name();

    private TestBroker broker;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void emptyTopics() throws Exception {
        broker = TestBroker.current();
        broker.recreate(List.of(Topics.DLQ_SEGMENTATION, Topics.DLQ_REPLAYS, Topics.TOUCHPOINTS_POS, Topics.TOUCHPOINTS_WEB));
        producer = broker.producer();
    }

    @AfterEach
    void close() {
        producer.close();
        broker.close();
    }

    /** {@code count} rejected purchases of different customers read from crm.touchpoints.pos; their ids. */
    private List<DeadLetterId> rejectedPurchases(int count) throws Exception {
        List<DeadLetterId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(write(producer, POS, i % Topics.TOUCHPOINTS_POS.partitions(), 100 + i, "c-" + i, bytes("purchase-" + i),
                    rejected("e-" + i), Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        }
        return ids;
    }

    private List<ConsumerRecord<byte[], byte[]>> committed(String topic) {
        return broker.committedOnceSettled(topic);
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).sorted().toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aReplayWritesEachSelectedDeadLetterOnceWithItsKeyValueHeadersAndWhereItCameFrom() throws Exception {
        Instant occurred = Instant.parse("2026-11-23T10:00:00Z");
        DeadLetterId first = write(producer, POS, 3, 118, "c-9001", bytes("purchase-1"), rejected("e-1"), occurred);
        DeadLetterId second = write(producer, POS, 5, 7, "c-9002", bytes("purchase-2"), rejected("e-2"), occurred);
        write(producer, WEB, 0, 42, "c-9003", bytes("visit"), rejected("e-3"), occurred);

        CrmctlRun replay = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--source-topic", POS);

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(replay.out()).contains("replayed 2 dead letters from " + DLQ + ":", "  " + POS + "  2");
        List<ConsumerRecord<byte[], byte[]>> replayed = committed(POS);
        assertThat(replayed).hasSize(2);
        ConsumerRecord<byte[], byte[]> one = replayed.stream().filter(r -> r.partition() == 3).findFirst().orElseThrow();
        assertThat(new String(one.key(), StandardCharsets.UTF_8)).isEqualTo("c-9001");
        assertThat(new String(one.value(), StandardCharsets.UTF_8)).isEqualTo("purchase-1");
        assertThat(one.timestamp()).isEqualTo(occurred.toEpochMilli());
        assertThat(header(one, DeadLetterFixtures.TRACE_HEADER)).isEqualTo("trace-c-9001-118");
        assertThat(header(one, Replayer.REPLAYED_FROM_HEADER)).isEqualTo(DLQ + "/" + first.partition() + "/" + first.offset());
        assertThat(one.headers()).extracting(Header::key).noneMatch(key -> key.startsWith("__streams.errors."));
        assertThat(replayed).filteredOn(r -> r.partition() == 5).singleElement()
                .satisfies(r -> assertThat(header(r, Replayer.REPLAYED_FROM_HEADER)).isEqualTo(DLQ + "/" + second.partition() + "/" + second.offset()));
        assertThat(committed(WEB)).isEmpty();
        assertThat(committed(Topics.DLQ_REPLAYS.name())).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactlyInAnyOrder(DLQ + "/" + first.partition() + "/" + first.offset(), DLQ + "/" + second.partition() + "/" + second.offset());
        CrmctlRun list = broker.crmctl("dead-letters", "list", "--topic", DLQ);
        assertThat(list.out().lines().filter(l -> l.startsWith(first + " ") || l.startsWith(second + " "))).allMatch(l -> l.endsWith("yes"));
        assertThat(list.out().lines().filter(l -> l.contains(WEB + "/0/42"))).singleElement().satisfies(l -> assertThat(l).endsWith("no"));
    }

    @Test
    void replayingTheSameSelectionAgainWritesNothingAndSaysSo() throws Exception {
        rejectedPurchases(3);
        assertThat(broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all").exitCode()).isZero();

        CrmctlRun again = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all");

        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("replayed nothing from " + DLQ + ": all 3 selected were replayed before");
        assertThat(values(committed(POS))).containsExactly("purchase-0", "purchase-1", "purchase-2");
    }

    @Test
    void aRunThatDiesMidReplayLeavesItsOpenBatchInvisibleAndTheNextRunReplaysEachDeadLetterOnce() throws Exception {
        rejectedPurchases(5);
        List<DeadLetter> all = deadLetters();
        try (KafkaConnection kafka = connection()) {
            Replayer dying = new Replayer(kafka, DLQ, ledgerValues(), "test@host", Clock.systemUTC())
                    .batchSize(2).afterSend((sent, producer) -> {
                        if (sent == 3) {
                            // As a killed process: the third record is on the broker in an open transaction, never ended.
                            producer.flush();
                            producer.close(Duration.ZERO);
                            throw new IllegalStateException("killed");
                        }
                    });

            assertThatThrownBy(() -> dying.replay(all)).hasMessage("killed");
        }
        assertThat(broker.records(POS, IsolationLevel.READ_UNCOMMITTED)).as("the open batch's record is on the broker").hasSize(3);
        // The dead run's transaction stays open: read to the last stable offset, once the first commit's markers are there.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(broker.records(POS, IsolationLevel.READ_COMMITTED)).as("the first batch was committed").hasSize(2));

        CrmctlRun next = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all");

        assertThat(next.exitCode()).as(next.toString()).isZero();
        assertThat(next.out()).contains("replayed 3 dead letters", "2 selected were replayed before and left out");
        assertThat(values(committed(POS))).containsExactly("purchase-0", "purchase-1", "purchase-2", "purchase-3", "purchase-4");
    }

    @Test
    void aConcurrentRunFencesTheRunningOneAndEachDeadLetterIsReplayedOnce() throws Exception {
        rejectedPurchases(4);
        List<CrmctlRun> concurrent = new ArrayList<>();
        try (KafkaConnection kafka = connection()) {
            Replayer first = new Replayer(kafka, DLQ, ledgerValues(), "first@host", Clock.systemUTC())
                    .afterSend((sent, producer) -> {
                        if (sent == 2) {
                            producer.flush();
                            concurrent.add(broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all"));
                        }
                    });

            assertThatThrownBy(() -> first.replay(deadLetters()))
                    .isInstanceOf(CrmctlException.class).hasMessageContaining("started and fenced this one");
        }

        assertThat(concurrent).singleElement().satisfies(second -> {
            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.out()).contains("replayed 4 dead letters");
        });
        assertThat(values(committed(POS))).containsExactly("purchase-0", "purchase-1", "purchase-2", "purchase-3");
    }

    @Test
    void twoDeadLettersOfTheSameSourceRecordAreTwoReplays() throws Exception {
        // The same record failed twice (say, once per release): two dead letters, each replayed once.
        write(producer, POS, 4, 77, "c-twice", bytes("purchase"), rejected("e-twice"), Instant.now());
        write(producer, POS, 4, 77, "c-twice", bytes("purchase"), rejected("e-twice"), Instant.now());

        CrmctlRun replay = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--source-topic", POS);

        assertThat(replay.out()).as(replay.toString()).contains("replayed 2 dead letters");
        assertThat(committed(POS)).hasSize(2).extracting(r -> header(r, Replayer.REPLAYED_FROM_HEADER)).doesNotHaveDuplicates();
    }

    @Test
    void aDeadLetterFromATopicOutsideTheCatalogueIsRefusedAndNothingIsWritten() throws Exception {
        DeadLetterId internal = write(producer, "crm-segmentation-by-customer-repartition", 2, 9, "c-1", bytes("x"),
                rejected("e-1"), Instant.now());
        rejectedPurchases(1);

        CrmctlRun replay = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all");

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.err()).contains("nothing replayed", "  - " + internal + ": it came from crm-segmentation-by-customer-repartition, "
                + "which is not a topic of the catalogue", "Leave them out of the selection");
        assertThat(committed(POS)).isEmpty();
        assertThat(committed(Topics.DLQ_REPLAYS.name())).isEmpty();
    }

    @Test
    void aDryRunSaysWhatWouldBeReplayedAndWritesNothing() throws Exception {
        rejectedPurchases(2);

        CrmctlRun dryRun = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all", "--dry-run");

        assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
        assertThat(dryRun.out()).contains("would replay 2 dead letters from " + DLQ + " (dry run: nothing written)", POS + "  2");
        assertThat(committed(POS)).isEmpty();
        assertThat(committed(Topics.DLQ_REPLAYS.name())).isEmpty();
        assertThat(broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--all").out()).contains("replayed 2 dead letters");
    }

    @Test
    void aSelectionThatMatchesNothingIsRefused() throws Exception {
        rejectedPurchases(1);

        CrmctlRun replay = broker.crmctl("dead-letters", "replay", "--topic", DLQ, "--error", "NoSuchException");

        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.err()).contains("nothing in " + DLQ + " matches --error NoSuchException; nothing replayed");
    }

    @Test
    void theRegistryOptionsReachTheConnectionOfTheLedgersSerdes(@TempDir Path dir) throws Exception {
        rejectedPurchases(1);
        Path passwordFile = Files.writeString(dir.resolve("registry-password"), "registry-secret\n");
        AtomicReference<RegistryConnection> given = new AtomicReference<>();

        CrmctlRun replay = broker.crmctl(connection -> {
            given.set(connection);
            return CrmSerdes.withoutRegistry();
        }, "dead-letters", "replay", "--topic", DLQ, "--all", "--registry", "http://127.0.0.1:9",
                "--registry-user", "crmctl", "--registry-password-file", passwordFile.toString());

        assertThat(replay.exitCode()).as(replay.toString()).isZero();
        assertThat(given.get().baseUrl()).hasToString("http://127.0.0.1:9");
        assertThat(given.get().username()).contains("crmctl");
        assertThat(given.get().password()).contains("registry-secret");
    }

    @Test
    void theLedgersRegistryClientSendsTheCredentialsAndA401NamesTheOptionsToGiveAndNothingIsReplayed(@TempDir Path dir)
            throws Exception {
        rejectedPurchases(1);
        Path passwordFile = Files.writeString(dir.resolve("registry-password"), "registry-secret\n");
        Set<String> authorizations = ConcurrentHashMap.newKeySet();
        HttpServer registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", exchange -> {
            authorizations.addAll(exchange.getRequestHeaders().getOrDefault("Authorization", List.of()));
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        registry.start();
        String address = "http://127.0.0.1:" + registry.getAddress().getPort();
        try {
            CrmctlRun without = broker.crmctl(CrmSerdes::withRegistry, "dead-letters", "replay", "--topic", DLQ, "--all",
                    "--registry", address);
            Set<String> sentWithout = Set.copyOf(authorizations);
            CrmctlRun refused = broker.crmctl(CrmSerdes::withRegistry, "dead-letters", "replay", "--topic", DLQ, "--all",
                    "--registry", address, "--registry-user", "crmctl", "--registry-password-file", passwordFile.toString());

            assertThat(without.exitCode()).as(without.toString()).isEqualTo(1);
            assertThat(without.err()).contains("nothing replayed", "401", "give --registry-user and --registry-password-file");
            assertThat(sentWithout).isEmpty();
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.err()).contains("nothing replayed", "401", "or check the ones given");
            assertThat(authorizations).containsExactly("Basic " + Base64.getEncoder()
                    .encodeToString("crmctl:registry-secret".getBytes(StandardCharsets.UTF_8)));
        } finally {
            registry.stop(0);
        }
        assertThat(committed(POS)).isEmpty();
        assertThat(committed(Topics.DLQ_REPLAYS.name())).isEmpty();
    }

    private KafkaConnection connection() {
        return KafkaConnection.open(broker.bootstrapServers(), new Properties(), Duration.ofSeconds(10));
    }

    private List<DeadLetter> deadLetters() {
        try (KafkaConnection kafka = connection()) {
            return DeadLetterReader.read(kafka, DLQ, Selection.ALL);
        }
    }

    private static Serializer<DeadLetterReplay> ledgerValues() {
        return CrmSerdes.withoutRegistry().avro(DeadLetterReplay.class).serializer();
    }
}
