package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.customers.CustomerCsvReader.CsvRow;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A register upload, any bytes at all, read as {@code POST /v1/customers:import} reads it: the header is
 * refused as a whole ({@link InvalidCsvException}) or the rows are read one by one, each a customer that
 * is validated ({@link InvalidCustomerException} names what is wrong) or an unreadable row with its
 * reason; reading may stop only with the {@link UncheckedIOException} the import reports as "broke off".
 * Nothing else may escape, and the whole body is handled within the time limit.
 * Seeds and every crash found are in
 * {@code src/test/resources/org/touchpointcrm/ingest/customers/CustomerCsvFuzzTestInputs/} (docs/security.md, Fuzzing).
 *
 * <p>{@code crash-3957101228cc8935acf2f726a6fccae557d65cfe} is a regression input of a fixed hole (docs/security.md,
 * Fuzzing, finding 4): an RFC 822 group ({@code x:y;}) passed as an e-mail address and was then cut at its missing '@'.
 */
class CustomerCsvFuzzTest {

    private static final CustomerValidator VALIDATOR = new CustomerValidator(
            Clock.fixed(Instant.parse("2026-11-23T10:15:30Z"), ZoneOffset.UTC),
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anyUploadIsReadRowByRowOrRefusedWhole(byte[] body) {
        CustomerCsvReader csv;
        try {
            csv = CustomerCsvReader.open(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
        } catch (InvalidCsvException refused) {
            assertThat(refused.violations()).as("a refused header says why").isNotEmpty();
            return;
        }
        try (csv) {
            long rows = 0;
            for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                assertThat(++rows).as("no more rows than lines").isLessThanOrEqualTo(body.length);
                assertThat(row.customer() == null).as("a row is a customer or the reason it is not")
                        .isEqualTo(row.unreadable() != null);
                if (row.customer() != null) {
                    validate(row);
                }
            }
        } catch (UncheckedIOException brokeOff) {
            assertThat(brokeOff.getMessage()).isNotBlank();
        }
    }

    private static void validate(CsvRow row) {
        try {
            VALIDATOR.validate(row.customer().customerId(), row.customer(), CustomerImport.SOURCE);
        } catch (InvalidCustomerException refused) {
            assertThat(refused.violations()).isNotEmpty();
        }
    }
}
