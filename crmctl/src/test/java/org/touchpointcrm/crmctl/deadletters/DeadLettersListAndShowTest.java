package org.touchpointcrm.crmctl.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.bytes;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.rejected;
import static org.touchpointcrm.crmctl.deadletters.DeadLetterFixtures.write;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.crmctl.CrmctlRun;
import org.touchpointcrm.crmctl.KraftBroker;
import org.touchpointcrm.crmctl.TestBroker;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/** {@code dead-letters list} and {@code show} over dead letters with exactly the headers Kafka Streams writes. */
@KraftBroker
class DeadLettersListAndShowTest {

    private static final String POS = Topics.TOUCHPOINTS_POS.name();
    private static final String WEB = Topics.TOUCHPOINTS_WEB.name();

    private TestBroker broker;
    private KafkaProducer<byte[], byte[]> producer;

    @BeforeEach
    void emptyTopics() throws Exception {
        broker = TestBroker.current();
        broker.recreate(List.of(Topics.DLQ_SEGMENTATION, Topics.DLQ_REPLAYS));
        producer = broker.producer();
    }

    @AfterEach
    void close() {
        producer.close();
        broker.close();
    }

    @Test
    void everyDeadLetterIsListedWithItsSourceKeyErrorAndFirstLineThenCountedBySourceAndError() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        DeadLetterId first = write(producer, POS, 3, 118, "c-9001", bytes("{}"), rejected("e-1"), now.minusSeconds(60));
        DeadLetterId second = write(producer, POS, 5, 7, "c-9002", bytes("{}"), rejected("e-2"), now);
        DeadLetterId third = write(producer, WEB, 0, 42, "c-9003", bytes("not-avro"),
                new SerializationException("Unknown magic byte!"), now);

        CrmctlRun list = broker.crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name());

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains(Topics.DLQ_SEGMENTATION.name() + ": 3 dead letters");
        assertThat(line(list, first.toString()))
                .contains(now.minusSeconds(60).toString(), POS + "/3/118", "c-9001", "RejectedRecordException",
                        "touchpoint e-1 rejected: occurredAt lies more than 1 h", "no")
                .doesNotContain("second line");
        assertThat(line(list, second.toString())).contains(POS + "/5/7", "c-9002", "RejectedRecordException");
        assertThat(line(list, third.toString())).contains(WEB + "/0/42", "c-9003", "SerializationException", "Unknown magic byte!");
        assertThat(line(list, POS + "  " + RejectedRecordException.class.getName())).endsWith("2         0");
        assertThat(line(list, WEB + "  " + SerializationException.class.getName())).endsWith("1         0");
    }

    @Test
    void deadLettersAreFilteredByErrorSourceTopicAndTime() throws Exception {
        Instant now = Instant.now();
        DeadLetterId old = write(producer, POS, 1, 1, "c-old", bytes("{}"), rejected("e-old"), now.minus(Duration.ofDays(2)));
        DeadLetterId rejectedNow = write(producer, POS, 1, 2, "c-new", bytes("{}"), rejected("e-new"), now);
        DeadLetterId unreadable = write(producer, WEB, 2, 9, "c-web", bytes("x"), new SerializationException("bad"), now);

        CrmctlRun byError = broker.crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name(), "--error", "SerializationException");
        CrmctlRun byFullError = broker.crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name(), "--error", RejectedRecordException.class.getName());
        CrmctlRun bySource = broker.crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name(), "--source-topic", WEB);
        CrmctlRun bySince = broker.crmctl("dead-letters", "list", "--topic", Topics.DLQ_SEGMENTATION.name(), "--since", "1d", "--source-topic", POS);

        assertThat(ids(byError)).containsExactly(unreadable.toString());
        assertThat(byError.out()).contains("1 dead letter matching --error SerializationException");
        assertThat(ids(byFullError)).containsExactlyInAnyOrder(old.toString(), rejectedNow.toString());
        assertThat(ids(bySource)).containsExactly(unreadable.toString());
        assertThat(ids(bySince)).containsExactly(rejectedNow.toString());
    }

    @Test
    void showPrintsEveryHeaderTheKeyAHexDumpOfAValueThatIsNotAvroAndTheStackTrace() throws Exception {
        DeadLetterId id = write(producer, WEB, 2, 9, "c-web", bytes("not-avro-at-all"), new SerializationException("Unknown magic byte!"),
                Instant.parse("2026-11-23T10:00:00Z"));

        CrmctlRun show = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id.toString(), "--registry", "http://127.0.0.1:9");

        assertThat(show.exitCode()).as(show.toString()).isZero();
        assertThat(show.out())
                .contains("dead letter " + id + " of " + Topics.DLQ_SEGMENTATION.name())
                .contains("source    " + WEB + "/2/9")
                .contains("error     " + SerializationException.class.getName())
                .contains("replayed  no")
                .contains("__streams.errors.topic = " + WEB, "__streams.errors.partition = 2", "__streams.errors.offset = 9",
                        "__streams.errors.message = Unknown magic byte!", "__streams.errors.stacktrace = (below)")
                .contains(DeadLetterFixtures.TRACE_HEADER + " = trace-c-web-9")
                .contains("key: c-web")
                .contains("value (15 bytes, not decoded: its first byte is 0x6e, not Confluent's magic byte 0")
                .contains("00000000  6e 6f 74 2d 61 76 72 6f  2d 61 74 2d 61 6c 6c", "|not-avro-at-all|")
                .contains("stack trace:\n" + SerializationException.class.getName() + ": Unknown magic byte!")
                .contains("at org.touchpointcrm.crmctl.deadletters.DeadLettersListAndShowTest");
    }

    @Test
    void showDecodesAValueInConfluentWireFormatWithTheWritersSchemaFromTheRegistry() throws Exception {
        TouchpointEvent purchase = TouchpointEvent.newBuilder()
                .setEventId("e-future").setOccurredAt(Instant.parse("2026-11-23T13:00:00Z"))
                .setChannel(Channel.POS).setType(TouchpointType.PURCHASE)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId("c-9001").build())
                .setAmount(new BigDecimal("49.90")).setCurrency("EUR").build();
        byte[] avro = CrmSerdes.withoutRegistry().avro(TouchpointEvent.class).serializer().serialize(POS, purchase);
        byte[] wire = ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(7).put(avro).array();
        DeadLetterId id = write(producer, POS, 1, 5, "c-9001", wire, rejected("e-future"), Instant.now());
        HttpServer registry = registryWithSchema(7, TouchpointEvent.getClassSchema().toString());
        try {
            CrmctlRun show = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id.toString(),
                    "--registry", "http://127.0.0.1:" + registry.getAddress().getPort());

            assertThat(show.exitCode()).as(show.toString()).isZero();
            assertThat(show.out()).contains("value (Avro org.touchpointcrm.avro.TouchpointEvent, schema id 7):")
                    .contains("\"eventId\" : \"e-future\"", "\"occurredAt\" : \"2026-11-23T13:00:00Z\"",
                            "\"amount\" : 49.90", "\"channel\" : \"POS\"", "\"customerId\" : \"c-9001\"");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void showSendsTheRegistryCredentialsFromItsOptionsAndA401NamesTheOptionsToGive(@TempDir Path dir) throws Exception {
        TouchpointEvent visit = TouchpointEvent.newBuilder()
                .setEventId("e-visit").setOccurredAt(Instant.parse("2026-11-23T13:00:00Z"))
                .setChannel(Channel.WEB).setType(TouchpointType.WEB_VISIT)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId("c-9004").build()).build();
        byte[] avro = CrmSerdes.withoutRegistry().avro(TouchpointEvent.class).serializer().serialize(WEB, visit);
        byte[] wire = ByteBuffer.allocate(5 + avro.length).put((byte) 0).putInt(8).put(avro).array();
        DeadLetterId id = write(producer, WEB, 0, 6, "c-9004", wire, rejected("e-visit"), Instant.now());
        HttpServer registry = registryWithSchema(8, TouchpointEvent.getClassSchema().toString(), new BasicAuthenticator("registry") {
            @Override
            public boolean checkCredentials(String user, String password) {
                return user.equals("crmctl") && password.equals("registry-secret");
            }
        });
        Path passwordFile = Files.writeString(dir.resolve("registry-password"), "registry-secret\n");
        Path wrongFile = Files.writeString(dir.resolve("wrong-password"), "guess");
        String address = "http://127.0.0.1:" + registry.getAddress().getPort();
        try {
            CrmctlRun without = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id.toString(),
                    "--registry", address);
            CrmctlRun wrong = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id.toString(),
                    "--registry", address, "--registry-user", "crmctl", "--registry-password-file", wrongFile.toString());
            CrmctlRun with = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), id.toString(),
                    "--registry", address, "--registry-user", "crmctl", "--registry-password-file", passwordFile.toString());

            assertThat(without.exitCode()).as(without.toString()).isZero();
            assertThat(without.out()).contains("not decoded: the registry at " + address + " answered 401 Unauthorized for "
                    + "schema id 8: give --registry-user and --registry-password-file");
            assertThat(wrong.out()).contains("answered 401 Unauthorized for schema id 8: it refused --registry-user");
            assertThat(with.exitCode()).as(with.toString()).isZero();
            assertThat(with.out()).contains("value (Avro org.touchpointcrm.avro.TouchpointEvent, schema id 8):")
                    .contains("\"eventId\" : \"e-visit\"", "\"customerId\" : \"c-9004\"");
        } finally {
            registry.stop(0);
        }
    }

    @Test
    void aPasswordFileWithoutItsUserIsRefused(@TempDir Path dir) throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("registry-password"), "registry-secret");

        CrmctlRun show = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), "0:0",
                "--registry-password-file", passwordFile.toString());

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("--registry-password-file needs --registry-user");
    }

    @Test
    void anIdThatIsNotThereIsSaidToBeMissing() throws Exception {
        write(producer, POS, 1, 1, "c-1", bytes("{}"), rejected("e-1"), Instant.now());

        CrmctlRun show = broker.crmctl("dead-letters", "show", "--topic", Topics.DLQ_SEGMENTATION.name(), "11:999");

        assertThat(show.exitCode()).isEqualTo(1);
        assertThat(show.err()).contains("there is no dead letter 11:999 in " + Topics.DLQ_SEGMENTATION.name());
    }

    /** The Confluent API's answer for one schema id, as the registry gives it. */
    private static HttpServer registryWithSchema(int id, String schema) throws IOException {
        return registryWithSchema(id, schema, null);
    }

    /** @param basicAuth what it asks of every request, as compose's registry-proxy does; null: nothing */
    private static HttpServer registryWithSchema(int id, String schema, Authenticator basicAuth) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] body = JsonMapper.builder().build().writeValueAsBytes(Map.of("schema", schema));
        HttpContext context = server.createContext(CrmSerdes.CCOMPAT_PATH + "/schemas/ids/" + id, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        if (basicAuth != null) {
            context.setAuthenticator(basicAuth);
        }
        server.start();
        return server;
    }

    /** The listing's line that starts with (or contains, for the counts) {@code start}. */
    private static String line(CrmctlRun run, String start) {
        return run.out().lines().filter(l -> l.startsWith(start) || l.strip().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with " + start + " in\n" + run));
    }

    /** The ids of the listing's lines, in order. */
    private static List<String> ids(CrmctlRun run) {
        return run.out().lines().takeWhile(l -> !l.isBlank())
                .filter(l -> l.matches("\\d+:\\d+\\s.*")).map(l -> l.substring(0, l.indexOf(' '))).toList();
    }
}
