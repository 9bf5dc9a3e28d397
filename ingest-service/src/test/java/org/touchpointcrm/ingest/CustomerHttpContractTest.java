package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.ingest.customers.CustomerController;
import org.touchpointcrm.ingest.customers.CustomerImport;
import org.touchpointcrm.ingest.customers.CustomerImportController;
import org.touchpointcrm.ingest.customers.CustomerImportProperties;
import org.touchpointcrm.ingest.customers.CustomerPublisher;
import org.touchpointcrm.ingest.customers.CustomerValidator;
import org.touchpointcrm.access.profiles.ProfileQueryClient;
import org.touchpointcrm.access.profiles.ProfileQueryUnavailableException;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.ingest.publishing.BrokerUnavailableException;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a client sees of the customer register over HTTP: status codes, media types and the shape of
 * answers and problems. Kafka and the profile query are replaced by mocks; the import's
 * integration test covers the broker.
 */
@WebMvcTest({CustomerController.class, CustomerImportController.class})
@Import({IngestWebTestConfiguration.class, CustomerValidator.class, CustomerImport.class,
        CustomerHttpContractTest.ImportLimitsAndKey.class})
class CustomerHttpContractTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    private static final Stored STORED = new Stored(Topics.CUSTOMERS.name(), 3, 42L);
    private static final String AINO = """
            {"firstName": "Aino", "lastName": "Virtanen", "email": "Aino.Virtanen@Example.FI",
             "phone": "040 123 4567", "postalCode": "33100", "municipality": "Tampere", "region": "Pirkanmaa",
             "country": "fi", "language": "fi", "timeZone": "Europe/Helsinki", "keyAccountTier": "gold"}
            """;
    private static final String CSV_HEADER = "customerId,lastName,email,country\n";

    @TestConfiguration(proxyBeanMethods = false)
    static class ImportLimitsAndKey {

        @Bean
        CustomerImportProperties customerImportProperties() {
            return new CustomerImportProperties(100, 2, 1000, Duration.ofSeconds(5));
        }

        /** Every request of this class comes with a key allowed everything; AccessContractTest covers keys. */
        @Bean
        MockMvcBuilderCustomizer withApiKey() {
            return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/")
                    .header(HttpHeaders.AUTHORIZATION, IngestWebTestConfiguration.bearer(IngestWebTestConfiguration.ALL_KEY)));
        }
    }

    @Autowired
    private MockMvcTester mvc;

    @Autowired
    private JsonMapper json;

    @MockitoBean
    private CustomerPublisher publisher;

    @MockitoBean
    private ProfileQueryClient profiles;

    @Nested
    class Put {

        @Test
        void validCustomerIsStoredAndAnsweredWithTheRecordAsNormalised() {
            given(publisher.upsert(any())).willReturn(STORED);

            assertThat(put("c-9001", AINO))
                    .hasStatus(HttpStatus.OK)
                    .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .bodyJson().isStrictlyEqualTo("""
                            {"customerId": "c-9001", "firstName": "Aino", "lastName": "Virtanen",
                             "email": "Aino.Virtanen@example.fi", "phone": "+358401234567", "postalCode": "33100",
                             "municipality": "Tampere", "region": "Pirkanmaa", "country": "FI", "language": "fi",
                             "timeZone": "Europe/Helsinki", "keyAccountTier": "GOLD", "company": null,
                             "updatedAt": "2026-11-23T10:15:30Z", "source": "http"}
                            """);
        }

        @Test
        void storedRecordIsTheValidatedOneKeyedByThePathsCustomerId() {
            given(publisher.upsert(any())).willReturn(STORED);

            put("c-9001", AINO);

            var stored = ArgumentCaptor.forClass(CustomerRecord.class);
            then(publisher).should().upsert(stored.capture());
            assertThat(stored.getValue().getCustomerId()).isEqualTo("c-9001");
            assertThat(stored.getValue().getPhone()).isEqualTo("+358401234567");
        }

        @Test
        void invalidCustomerIsRefusedAsAProblemListingEveryFieldAndIsNotStored() {
            MvcTestResult result = put("c-9001", AINO.replace("\"fi\", \"language\"", "\"Finland\", \"language\"")
                    .replace("Europe/Helsinki", "GMT+2"));

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"type": "https://touchpointcrm.org/problems/invalid-customer",
                     "title": "The customer data is invalid", "status": 400}
                    """);
            assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                    .containsExactly("country", "timeZone");
            assertThat(result).bodyJson().extractingPath("$.detail").asString()
                    .contains("country 'Finland' is not an ISO 3166-1 alpha-2 country code");
            then(publisher).should(never()).upsert(any());
        }

        @Test
        void misspeltFieldIsRefusedRatherThanClearingTheRealOne() {
            MvcTestResult result = put("c-9001", AINO.replace("\"email\"", "\"emial\""));

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .extractingPath("$.errors[*].field").asArray().containsExactly("emial");
            then(publisher).should(never()).upsert(any());
        }

        @Test
        void malformedJsonIsRefusedAsAnUnreadableCustomerDocument() {
            MvcTestResult result = put("c-9001", "{\"lastName\": ");

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"type": "https://touchpointcrm.org/problems/unreadable-body",
                     "title": "The request body is not a valid customer document"}
                    """);
        }

        @Test
        void unavailableBrokerGives503WithRetryAfterSayingARepeatIsSafe() {
            given(publisher.upsert(any())).willThrow(new BrokerUnavailableException(
                    "the broker did not acknowledge customer c-9001 within PT5S",
                    "send the same request again (a PUT replaces the record, so repeating it is safe)",
                    new TimeoutException()));

            MvcTestResult result = put("c-9001", AINO);

            assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "5");
            assertThat(result).bodyJson().extractingPath("$.detail").asString()
                    .contains("customer c-9001", "repeating it is safe");
        }

        @Test
        void plainTextBodyIsRefusedAsAnUnsupportedMediaType() {
            MvcTestResult result = mvc.put().uri("/v1/customers/c-9001").contentType(MediaType.TEXT_PLAIN)
                    .content(AINO).exchange();

            assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Nested
    class Get {

        @Test
        void profileIsAnsweredAsTheProfileQueryWroteIt() {
            given(profiles.profile("c-9001", String.class))
                    .willReturn(Optional.of("{\"customerId\": \"c-9001\", \"segments\": [\"purchasers\"]}"));

            assertThat(mvc.get().uri("/v1/customers/c-9001").exchange())
                    .hasStatus(HttpStatus.OK)
                    .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                    .bodyJson().isStrictlyEqualTo("{\"customerId\": \"c-9001\", \"segments\": [\"purchasers\"]}");
        }

        @Test
        void customerWithoutProfileIs404Problem() {
            given(profiles.profile("c-404", String.class)).willReturn(Optional.empty());

            MvcTestResult result = mvc.get().uri("/v1/customers/c-404").exchange();

            assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"type": "https://touchpointcrm.org/problems/unknown-customer", "title": "Unknown customer",
                     "detail": "customer c-404 has no profile: segmentation-streams has processed no touchpoint and no register record of it yet"}
                    """);
        }

        @Test
        void unavailableProfileQueryIs503WithItsRetryAfter() {
            given(profiles.profile("c-9001", String.class)).willThrow(new ProfileQueryUnavailableException(
                    "the profile query answered 503: rebalancing", "1", null));

            MvcTestResult result = mvc.get().uri("/v1/customers/c-9001").exchange();

            assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "1")
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"type": "https://touchpointcrm.org/problems/profile-query-unavailable",
                     "detail": "the profile query answered 503: rebalancing; retry shortly"}
                    """);
        }
    }

    @Nested
    class Delete {

        @Test
        void deleteFilesAnErasureRequestAndAnswers202WithItsId() {
            given(publisher.fileErasure(any())).willReturn(new Stored(Topics.ERASURE_REQUESTS.name(), 3, 7L));

            MvcTestResult result = mvc.delete().uri("/v1/customers/c-9001?reason=ticket SD-4711").exchange();

            var filed = ArgumentCaptor.forClass(ErasureRequest.class);
            then(publisher).should().fileErasure(filed.capture());
            assertThat(result).hasStatus(HttpStatus.ACCEPTED).bodyJson().isStrictlyEqualTo("""
                    {"requestId": "%s", "customerId": "c-9001", "requestedAt": "2026-11-23T10:15:30Z"}
                    """.formatted(filed.getValue().getRequestId()));
            assertThat(filed.getValue().getReason()).isEqualTo("ticket SD-4711");
        }

        @Test
        void deleteOfAnInvalidCustomerIdIsRefusedAndNothingFiled() {
            MvcTestResult result = mvc.delete().uri("/v1/customers/email:aino@example.fi").exchange();

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .extractingPath("$.errors[0].field").asString().isEqualTo("customerId");
            then(publisher).should(never()).fileErasure(any());
        }

        @Test
        void unavailableBrokerGives503() {
            given(publisher.fileErasure(any())).willThrow(new BrokerUnavailableException("the broker refused it",
                    "send the DELETE again (a repeated erasure request is harmless)", new TimeoutException()));

            assertThat(mvc.delete().uri("/v1/customers/c-9001").exchange())
                    .hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "5");
        }
    }

    @Nested
    class CsvImport {

        @Test
        void importAnswersProgressLinesThenASummaryAsNdjson() throws Exception {
            given(publisher.upsertWithoutWaiting(any())).willReturn(CompletableFuture.completedFuture(STORED));

            MvcTestResult result = importing(CSV_HEADER + """
                    c-1,Virtanen,aino@example.fi,FI
                    c-2,Korhonen,not-an-address,FI
                    c-3,Mäkinen,,FI
                    c-4,Nieminen,,FI
                    c-5,Laine,,FI
                    """);

            assertThat(result).hasStatus(HttpStatus.OK).hasContentTypeCompatibleWith(MediaType.APPLICATION_NDJSON);
            List<JsonNode> lines = lines(result);
            assertThat(lines).extracting(line -> line.get("kind").asString())
                    .containsExactly("progress", "progress", "summary");
            assertThat(lines.get(1).get("rowsRead").asLong()).isEqualTo(4);
            JsonNode summary = lines.getLast();
            assertThat(summary.get("complete").asBoolean()).isTrue();
            assertThat(summary.get("rowsRead").asLong()).isEqualTo(5);
            assertThat(summary.get("accepted").asLong()).isEqualTo(4);
            assertThat(summary.get("rejected").asLong()).isEqualTo(1);
            assertThat(summary.get("failed").asLong()).isZero();
            assertThat(json.writeValueAsString(summary.get("rejections"))).isEqualTo("""
                    [{"row":2,"line":3,"customerId":"c-2","errors":[{"field":"email",\
                    "reason":"'not-an-address' is not an e-mail address (Missing final '@domain')"}]}]""");
            assertThat(summary.get("detail").asString()).isEqualTo("4 of 5 rows read are stored in " + Topics.CUSTOMERS.name() + "; "
                    + "1 rejected: correct them and import those rows again.");
        }

        @Test
        void rowsKafkaDoesNotStoreAreReportedAsFailed() throws Exception {
            given(publisher.upsertWithoutWaiting(any()))
                    .willReturn(CompletableFuture.failedFuture(new TimeoutException("Expiring 1 record(s)")));

            JsonNode summary = lines(importing(CSV_HEADER + "c-1,Virtanen,,FI\n")).getLast();

            assertThat(summary.get("failed").asLong()).isEqualTo(1);
            assertThat(summary.get("failures").get(0).get("errors").get(0).get("reason").asString())
                    .contains("Expiring 1 record(s)", "import this row again");
        }

        @Test
        void csvOfAnotherCharsetIsReadInTheCharsetTheContentTypeNames() throws Exception {
            given(publisher.upsertWithoutWaiting(any())).willReturn(CompletableFuture.completedFuture(STORED));

            MvcTestResult result = mvc.post().uri("/v1/customers:import")
                    .contentType(MediaType.parseMediaType("text/csv; charset=windows-1252"))
                    .content((CSV_HEADER + "c-1,Meriläinen,,FI\n").getBytes("windows-1252")).exchange();

            assertThat(lines(result).getLast().get("accepted").asLong()).isEqualTo(1);
            var stored = ArgumentCaptor.forClass(CustomerRecord.class);
            then(publisher).should().upsertWithoutWaiting(stored.capture());
            assertThat(stored.getValue().getLastName()).isEqualTo("Meriläinen");
        }

        @Test
        void headerWithAnUnknownColumnIsRefusedAsAProblemBeforeAnyRowIsRead() {
            MvcTestResult result = importing("customerId,lastName,emial\nc-1,Virtanen,aino@example.fi\n");

            assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().isLenientlyEqualTo("""
                    {"type": "https://touchpointcrm.org/problems/invalid-csv", "title": "The CSV cannot be imported",
                     "errors": [{"field": "(header)"}]}
                    """);
            assertThat(result).bodyJson().extractingPath("$.detail").asString()
                    .contains("unknown column(s) 'emial'", "Nothing was imported");
            then(publisher).should(never()).upsertWithoutWaiting(any());
        }

        @Test
        void emptyBodyIsRefusedAsAProblem() {
            assertThat(importing("")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                    .extractingPath("$.errors[0].reason").asString().contains("is missing", "header row");
        }

        @Test
        void jsonBodyIsRefusedAsAnUnsupportedMediaTypeNamingTextCsv() {
            MvcTestResult result = mvc.post().uri("/v1/customers:import").contentType(MediaType.APPLICATION_JSON)
                    .content("[]").exchange();

            assertThat(result).hasStatus(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .hasHeader(HttpHeaders.ACCEPT, "text/csv");
        }

        private MvcTestResult importing(String csv) {
            return mvc.post().uri("/v1/customers:import").contentType("text/csv").content(csv).exchange();
        }

        private List<JsonNode> lines(MvcTestResult result) throws Exception {
            return result.getResponse().getContentAsString().lines().map(json::readTree).toList();
        }
    }

    private MvcTestResult put(String customerId, String body) {
        return mvc.put().uri("/v1/customers/{id}", customerId).contentType(MediaType.APPLICATION_JSON).content(body)
                .exchange();
    }
}
