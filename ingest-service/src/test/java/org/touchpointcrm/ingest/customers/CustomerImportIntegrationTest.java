package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.ingest.IngestApplication;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import of a register of 100,000 customers, as a user sends it: the whole service over HTTP,
 * the CSV streamed as it is generated, against a real KRaft broker. Every valid row must be on the
 * topic (counted by a read_committed consumer), every bad row reported with its row number.
 *
 * <p>Values are written as plain Avro binary, without the schema registry: the registry is a
 * separate process that only the local stack starts, and this module cannot depend on it. The wire
 * format is proven by the local stack's end-to-end test.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=ingest",
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                // Never contacted: values go through RegistrylessValues below.
                "crm.kafka.schema-registry-url=http://127.0.0.1:9",
                "crm.kafka.replication-factor=1",
                // Required, never used here: an import reads no profile.
                "crm.ingest.profile-query-api-key=import-test-unused-key"})
@EmbeddedKafka(brokerProperties = {
        // One broker: its internal topics have one replica.
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        // The cleaner's 128 MB default buffer is sized for production brokers, not a test JVM.
        "log.cleaner.dedupe.buffer.size=8388608",
        "auto.create.topics.enable=false"})
@Import(CustomerImportIntegrationTest.RegistrylessValues.class)
public class CustomerImportIntegrationTest {

    static final String API_KEY = "register-import-test-key";

    /**
     * The key's digest is computed, not pasted, so key and configuration cannot drift apart. (A list
     * is bound from one property source only, so the whole key is registered here.)
     */
    @DynamicPropertySource
    static void apiKey(DynamicPropertyRegistry registry) {
        registry.add("crm.ingest.access.keys[0].name", () -> "register-import");
        registry.add("crm.ingest.access.keys[0].sha256", () -> ApiKeys.sha256Hex(API_KEY));
        registry.add("crm.ingest.access.keys[0].channels", () -> "POS");
        registry.add("crm.ingest.access.keys[0].operations", () -> "CUSTOMERS_WRITE");
    }

    private static final Logger log = LoggerFactory.getLogger(CustomerImportIntegrationTest.class);

    private static final int VALID_ROWS = 100_000;
    /** Bad rows, by the row number they have in the file, and the field each is wrong in. */
    private static final Map<Long, String> BAD_ROWS = Map.of(17L, "email", 50_001L, "country", 100_003L, "phone");
    private static final long ROWS = VALID_ROWS + BAD_ROWS.size();

    @TestConfiguration(proxyBeanMethods = false)
    public static class RegistrylessValues {

        /** The producer's value serializer, instead of the registry-backed one the platform configures. */
        @Bean
        DefaultKafkaProducerFactoryCustomizer registrylessAvroValues() {
            return factory -> {
                @SuppressWarnings("unchecked")
                var records = (DefaultKafkaProducerFactory<Object, SpecificRecord>) (DefaultKafkaProducerFactory<?, ?>) factory;
                records.setValueSerializer(new RegistrylessSerializer());
            };
        }
    }

    /** Plain Avro binary of whichever record type is sent, from the same factory as the real serdes. */
    static final class RegistrylessSerializer implements Serializer<SpecificRecord> {

        private final CrmSerdes serdes = CrmSerdes.withoutRegistry();
        private final Map<Class<?>, Serializer<SpecificRecord>> byType = new ConcurrentHashMap<>();

        @Override
        @SuppressWarnings("unchecked")
        public byte[] serialize(String topic, SpecificRecord record) {
            return byType.computeIfAbsent(record.getClass(),
                    type -> (Serializer<SpecificRecord>) serdes.avro(type).serializer()).serialize(topic, record);
        }
    }

    @LocalServerPort
    private int port;

    @Autowired
    private EmbeddedKafkaBroker broker;

    @Autowired
    private JsonMapper json;

    @Test
    void registerOf100000CustomersIsImportedAndEveryBadRowReportedByNumber() throws Exception {
        awaitLeadersOfTheRegistersPartitions();
        long started = System.nanoTime();
        HttpResponse<Stream<String>> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/customers:import"))
                        .header("Content-Type", "text/csv; charset=UTF-8")
                        .header("Authorization", "Bearer " + API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofInputStream(GeneratedRegister::new))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        List<JsonNode> lines = response.body().map(json::readTree).toList();
        double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
        List<JsonNode> progress = lines.subList(0, lines.size() - 1);
        assertThat(progress).extracting(line -> line.get("rowsRead").asLong())
                .containsExactly(10_000L, 20_000L, 30_000L, 40_000L, 50_000L, 60_000L, 70_000L, 80_000L, 90_000L, 100_000L);

        JsonNode summary = lines.getLast();
        log.info("imported {} rows in {} s over HTTP ({} rows/s; {} ms inside the service): {}", ROWS,
                String.format("%.1f", seconds), Math.round(ROWS / seconds), summary.get("elapsedMillis"),
                summary.get("detail").asString());
        assertThat(summary.get("kind").asString()).isEqualTo("summary");
        assertThat(summary.get("complete").asBoolean()).isTrue();
        assertThat(summary.get("rowsRead").asLong()).isEqualTo(ROWS);
        assertThat(summary.get("accepted").asLong()).isEqualTo(VALID_ROWS);
        assertThat(summary.get("rejected").asLong()).isEqualTo(BAD_ROWS.size());
        assertThat(summary.get("failed").asLong()).isZero();
        assertThat(summary.get("skipped").asLong()).isZero();
        assertThat(summary.get("rejections").values()).satisfiesExactly(
                rejection -> assertRejected(rejection, 17),
                rejection -> assertRejected(rejection, 50_001),
                rejection -> assertRejected(rejection, 100_003));

        assertThat(customersOnTheTopic()).hasSize(VALID_ROWS).contains("c-000001", "c-100002")
                .doesNotContain("c-000017", "c-050001", "c-100003");
    }

    private static void assertRejected(JsonNode rejection, long row) {
        assertThat(rejection.get("row").asLong()).isEqualTo(row);
        assertThat(rejection.get("line").asLong()).isEqualTo(row + 1);
        assertThat(rejection.get("customerId").asString()).isEqualTo(GeneratedRegister.customerId(row));
        assertThat(rejection.get("errors").values()).singleElement()
                .satisfies(error -> assertThat(error.get("field").asString()).isEqualTo(BAD_ROWS.get(row)));
    }

    /**
     * The service creates its topics at start, but a new partition takes a moment to get its leader on
     * the broker; a produce meanwhile is refused (NOT_LEADER_OR_FOLLOWER). Listing the partitions'
     * end offsets succeeds only when every one has its leader.
     */
    private void awaitLeadersOfTheRegistersPartitions() {
        try (var consumer = registerConsumer()) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> consumer.endOffsets(
                    partitionsOf(consumer), Duration.ofSeconds(1)).size() == Topics.CUSTOMERS.partitions());
        }
    }

    /** Reads the register topic from the start, as a downstream service would, until all rows are there. */
    private Set<String> customersOnTheTopic() {
        var keys = new HashSet<String>();
        var values = CrmSerdes.withoutRegistry().value(Topics.CUSTOMERS).deserializer();
        try (var consumer = registerConsumer()) {
            List<TopicPartition> partitions = partitionsOf(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                    if (record.key().equals("c-000001")) {
                        CustomerRecord first = values.deserialize(record.topic(), record.value());
                        assertThat(first.getEmail()).isEqualTo("Asiakas1@example.fi");
                        assertThat(first.getPhone()).isEqualTo("+358400000001");
                        assertThat(first.getSource()).isEqualTo("csv-import");
                    }
                }
                return keys.size() >= VALID_ROWS;
            });
            // Exactly one record per customer: nothing was written twice.
            assertThat(consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(VALID_ROWS);
        }
        return keys;
    }

    private KafkaConsumer<String, byte[]> registerConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer) {
        return consumer.partitionsFor(Topics.CUSTOMERS.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    /**
     * A register export generated row by row as the HTTP client reads it, so the test streams like a
     * user's upload does and never holds the file in memory.
     */
    static final class GeneratedRegister extends InputStream {

        private static final String HEADER = "customerId,firstName,lastName,email,phone,postalCode,municipality,"
                + "country,language,timeZone,keyAccountTier,company.name,company.businessId\n";
        private static final String[] MUNICIPALITIES = {"Helsinki", "Tampere", "Turku", "Oulu", "Jyväskylä"};
        private static final String[] LANGUAGES = {"fi", "sv", "en"};
        private static final String[] TIERS = {"", "SILVER", "GOLD", "PLATINUM"};

        private byte[] chunk = HEADER.getBytes(StandardCharsets.UTF_8);
        private int position;
        private long row;

        static String customerId(long row) {
            return "c-%06d".formatted(row);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length) {
                if (row == ROWS) {
                    return -1;
                }
                chunk = row(++row).getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

        private static String row(long row) {
            String field = BAD_ROWS.get(row);
            boolean business = row % 10 == 0;
            return String.join(",", customerId(row),
                    business ? "" : "Aino",
                    business ? "" : "Virtanen",
                    "email".equals(field) ? "asiakas" + row + "(at)example.fi" : "Asiakas" + row + "@Example.FI",
                    "phone".equals(field) ? "123" : "040 %07d".formatted(row),
                    "%05d".formatted(row % 100_000),
                    MUNICIPALITIES[(int) (row % MUNICIPALITIES.length)],
                    "country".equals(field) ? "Suomi" : "FI",
                    LANGUAGES[(int) (row % LANGUAGES.length)],
                    "Europe/Helsinki",
                    TIERS[(int) (row % TIERS.length)],
                    business ? "\"Yritys " + row + " Oy, Tampere\"" : "",
                    business ? "0112038-9" : "") + "\n";
        }
    }
}
