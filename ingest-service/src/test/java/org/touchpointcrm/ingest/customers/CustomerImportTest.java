package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.touchpointcrm.ingest.customers.CustomerRequests.NOW;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.customers.ImportReport.Progress;
import org.touchpointcrm.ingest.customers.ImportReport.RowProblem;
import org.touchpointcrm.ingest.customers.ImportReport.Summary;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.schemas.Topics;

/** How an import accounts for every row, with Kafka replaced by a producer the test acknowledges. */
class CustomerImportTest {

    private static final String HEADER = "customerId,lastName,email,country\n";
    private static final IngestProperties LIMITS =
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI");

    private final List<Progress> progress = new CopyOnWriteArrayList<>();

    @Test
    void everyValidRowIsStoredAndEveryInvalidOneListedWithItsRowLineAndReasons() {
        var broker = acknowledgingBroker();

        Summary summary = importing(broker, properties(10, 100, 100, Duration.ofSeconds(5)), HEADER + """
                c-1,Virtanen,aino@example.fi,FI
                c-2,Korhonen,not-an-address,Finland
                c-3,Mäkinen,,FI
                """);

        assertThat(summary.complete()).isTrue();
        assertThat(summary).extracting(Summary::rowsRead, Summary::accepted, Summary::rejected, Summary::failed)
                .containsExactly(3L, 2L, 1L, 0L);
        assertThat(summary.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection).extracting(RowProblem::row, RowProblem::line, RowProblem::customerId)
                    .containsExactly(2L, 3L, "c-2");
            assertThat(rejection.errors()).extracting(FieldViolation::field).containsExactly("country", "email");
        });
        assertThat(broker.history()).extracting(record -> record.key()).containsExactly("c-1", "c-3");
        assertThat(summary.detail()).isEqualTo("2 of 3 rows read are stored in " + Topics.CUSTOMERS.name() + "; "
                + "1 rejected: correct them and import those rows again.");
    }

    @Test
    void importedRecordsGoToTheRegisterKeyedByCustomerIdWithTheImportAsSource() {
        var broker = acknowledgingBroker();

        importing(broker, properties(10, 100, 100, Duration.ofSeconds(5)), HEADER + "c-1,Virtanen,aino@EXAMPLE.fi,fi\n");

        assertThat(broker.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.CUSTOMERS.name());
            assertThat(record.key()).isEqualTo("c-1");
            CustomerRecord customer = (CustomerRecord) record.value();
            assertThat(customer.getEmail()).isEqualTo("aino@example.fi");
            assertThat(customer.getCountry()).isEqualTo("FI");
            assertThat(customer.getSource()).isEqualTo("csv-import");
            assertThat(customer.getUpdatedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void progressIsReportedEveryNRowsCountingAcknowledgementsSoFar() {
        importing(acknowledgingBroker(), properties(10, 2, 100, Duration.ofSeconds(5)), HEADER + rows(5));

        assertThat(progress).extracting(Progress::rowsRead).containsExactly(2L, 4L);
        assertThat(progress).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo("progress");
            assertThat(p.accepted() + p.awaitingAck()).isEqualTo(p.rowsRead());
        });
    }

    @Test
    void rejectionsBeyondTheCapAreCountedButNotListed() {
        String invalid = IntStream.rangeClosed(1, 5).mapToObj(i -> "c-" + i + ",,,FI\n").collect(Collectors.joining());

        Summary summary = importing(acknowledgingBroker(), properties(10, 100, 2, Duration.ofSeconds(5)), HEADER + invalid);

        assertThat(summary.rejected()).isEqualTo(5);
        assertThat(summary.rejections()).extracting(RowProblem::row).containsExactly(1L, 2L);
        assertThat(summary.rejectionsNotListed()).isEqualTo(3);
    }

    @Test
    void noMoreRowsThanTheLimitAwaitTheirAcknowledgementAtOnce() {
        var broker = silentBroker();
        CompletableFuture<Summary> running = CompletableFuture.supplyAsync(
                () -> importing(broker, properties(3, 100, 100, Duration.ofSeconds(10)), HEADER + rows(10)));

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> broker.history().size() == 3);
        await().until(() -> {
            broker.completeNext();
            return running.isDone();
        });

        assertThat(running.join().accepted()).isEqualTo(10);
    }

    @Test
    void afterKafkasFirstFailureNoMoreRowsAreSentAndTheRestAreCountedAsSkipped() {
        var broker = silentBroker();
        CompletableFuture<Summary> running = CompletableFuture.supplyAsync(
                () -> importing(broker, properties(1, 100, 100, Duration.ofSeconds(10)), HEADER + rows(5)));

        await().until(() -> broker.history().size() == 1);
        broker.completeNext();
        await().until(() -> broker.history().size() == 2);
        broker.errorNext(new NotEnoughReplicasException("only 1 of 3 replicas in sync"));
        // Row 3 was read while row 2 awaited its answer; it is sent, and stored.
        await().until(() -> broker.history().size() == 3);
        broker.completeNext();

        Summary summary = running.join();
        assertThat(summary.complete()).isFalse();
        assertThat(summary).extracting(Summary::rowsRead, Summary::accepted, Summary::failed, Summary::skipped)
                .containsExactly(5L, 2L, 1L, 2L);
        assertThat(broker.history()).hasSize(3);
        assertThat(summary.failures()).singleElement().satisfies(failure -> {
            assertThat(failure.row()).isEqualTo(2);
            assertThat(failure.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("(broker)");
                assertThat(error.reason()).contains("only 1 of 3 replicas in sync", "import this row again");
            });
        });
        assertThat(summary.detail()).isEqualTo("2 of 5 rows read are stored in " + Topics.CUSTOMERS.name() + "; 1 not stored by Kafka: "
                + "import those rows again; the import stopped at row 4 (line 5) because Kafka did not store row 2: "
                + "only 1 of 3 replicas in sync: the 2 rows from there on were not sent, import them again.");
    }

    @Test
    void rowsStillUnacknowledgedAfterTheDrainTimeoutAreReportedAsNotConfirmed() {
        Summary summary = importing(silentBroker(), properties(10, 100, 100, Duration.ofMillis(200)), HEADER + rows(2));

        assertThat(summary).extracting(Summary::rowsRead, Summary::accepted, Summary::failed, Summary::skipped)
                .containsExactly(2L, 0L, 2L, 0L);
        assertThat(summary.failures()).extracting(RowProblem::row).containsExactly(1L, 2L);
        assertThat(summary.failures().getFirst().errors().getFirst().reason())
                .contains("no acknowledgement within PT0.2S", "may or may not be stored");
    }

    private Summary importing(MockProducer<String, SpecificRecord> broker, CustomerImportProperties properties,
                              String csv) {
        var validator = new CustomerValidator(Clock.fixed(NOW, ZoneOffset.UTC), LIMITS);
        var publisher = new CustomerPublisher(new AcknowledgedPublisher(
                new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)), LIMITS));
        try (var reader = CustomerCsvReader.open(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8)) {
            return new CustomerImport(validator, publisher, properties).run(reader, progress::add);
        }
    }

    private static String rows(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "c-" + i + ",Virtanen,,FI\n").collect(Collectors.joining());
    }

    private static CustomerImportProperties properties(int maxInFlight, int progressEvery, int maxListed,
                                                       Duration drainTimeout) {
        return new CustomerImportProperties(maxInFlight, progressEvery, maxListed, drainTimeout);
    }

    private static MockProducer<String, SpecificRecord> acknowledgingBroker() {
        return new StayingOpen(true);
    }

    private static MockProducer<String, SpecificRecord> silentBroker() {
        return new StayingOpen(false);
    }

    /** KafkaTemplate closes a factory's producer after each send; the shared producer of a real factory ignores it. */
    private static final class StayingOpen extends MockProducer<String, SpecificRecord> {

        StayingOpen(boolean acknowledgeAtOnce) {
            super(acknowledgeAtOnce, null, new StringSerializer(), (topic, record) -> new byte[0]);
        }

        @Override
        public void close() {
        }

        @Override
        public void close(Duration timeout) {
        }
    }
}
