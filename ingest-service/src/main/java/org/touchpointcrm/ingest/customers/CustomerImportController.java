package org.touchpointcrm.ingest.customers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.customers.ImportReport.Summary;
import org.touchpointcrm.platform.privacy.PersonalData;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/customers:import}: a CSV export of the existing customer register in, streamed row
 * by row, any size. The answer is streamed too, as {@code application/x-ndjson}: a progress line
 * every {@code progressEvery} rows, so that a long import shows it is moving (and no proxy takes
 * the connection for idle), then one summary line accounting for every row. The status is 200 as
 * soon as the header row is accepted; the summary says how the import ended ({@code complete},
 * {@code accepted}, {@code rejected}, {@code failed}). A body that cannot be imported at all (no
 * header, unknown columns, wrong content type) is refused before anything is written, as a problem.
 */
@RestController
public class CustomerImportController {

    static final String TEXT_CSV = "text/csv";
    private static final byte[] NEWLINE = {'\n'};
    private static final Logger log = LoggerFactory.getLogger(CustomerImportController.class);

    private final CustomerImport customerImport;
    private final JsonMapper json;

    public CustomerImportController(CustomerImport customerImport, JsonMapper json) {
        this.customerImport = customerImport;
        this.json = json;
    }

    @PostMapping(path = "/v1/customers:import", consumes = TEXT_CSV, produces = MediaType.APPLICATION_NDJSON_VALUE)
    public void importCsv(@RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body,
                          HttpServletResponse response) throws IOException {
        try (var csv = CustomerCsvReader.open(body, charsetOf(contentType))) {
            response.setStatus(HttpStatus.OK.value());
            response.setContentType(MediaType.APPLICATION_NDJSON_VALUE);
            OutputStream out = response.getOutputStream();
            Summary summary = customerImport.run(csv, progress -> writeLine(out, progress));
            try {
                writeLine(out, summary);
            } catch (UncheckedIOException e) {
                log.warn("customer import summary could not be sent (the client is gone): {}", PersonalData.redact(summary.detail()));
            }
        }
    }

    /** One JSON object and a newline, sent at once: a client reads each line as it comes. */
    private void writeLine(OutputStream out, Object line) {
        try {
            out.write(json.writeValueAsBytes(line));
            out.write(NEWLINE);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 7111 leaves the charset to the sender; without one, UTF-8, which spreadsheets write today. */
    private static Charset charsetOf(String contentType) {
        try {
            Charset charset = MediaType.parseMediaType(contentType).getCharset();
            return charset != null ? charset : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            throw new InvalidCsvException(List.of(new FieldViolation("Content-Type", "'" + contentType
                    + "' names a charset this service does not know; send UTF-8, or name a charset such as windows-1252")));
        }
    }
}
