package org.touchpointcrm.ingest.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.customers.CustomerCsvReader.CsvRow;

class CustomerCsvReaderTest {

    @Test
    void rowsBecomeCustomersByTheHeadersColumnNames() {
        List<CsvRow> rows = rowsOf("""
                customerId,lastName,firstName,email,company.name,company.businessId
                c-1,Virtanen,Aino,aino@example.fi,,
                c-2,,,tilaukset@puutarha.fi,Virtasen Puutarha Oy,0112038-9
                """);

        assertThat(rows).extracting(CsvRow::customer).containsExactly(
                new CustomerRequest("c-1", "Aino", "Virtanen", "aino@example.fi", null, null, null, null, null, null,
                        null, null, null),
                new CustomerRequest("c-2", null, null, "tilaukset@puutarha.fi", null, null, null, null, null, null,
                        null, null, new CustomerRequest.Company("Virtasen Puutarha Oy", "0112038-9")));
    }

    @Test
    void rowsAreNumberedFromOneAfterTheHeaderWithTheLineTheyStartOn() {
        List<CsvRow> rows = rowsOf("""
                customerId,lastName,municipality
                c-1,Virtanen,"Tampere
                keskusta"
                c-2,Korhonen,Oulu
                """);

        assertThat(rows).extracting(CsvRow::row, CsvRow::line)
                .containsExactly(tuple(1L, 2L), tuple(2L, 4L));
    }

    @Test
    void headerNamesAreMatchedWhateverTheirCaseAndSpaces() {
        assertThat(rowsOf("CUSTOMERID, LastName \nc-1,Virtanen\n")).singleElement()
                .extracting(row -> row.customer().lastName()).isEqualTo("Virtanen");
    }

    @Test
    void semicolonSeparatedExportOfAFinnishSpreadsheetIsRead() {
        assertThat(rowsOf("customerId;lastName;municipality\nc-1;Meriläinen;Hämeenlinna\n")).singleElement()
                .extracting(row -> row.customer().municipality()).isEqualTo("Hämeenlinna");
    }

    @Test
    void byteOrderMarkBeforeTheHeaderIsNotPartOfTheFirstColumn() {
        assertThat(rowsOf("\uFEFFcustomerId,lastName\nc-1,Virtanen\n")).singleElement()
                .extracting(CsvRow::customerId).isEqualTo("c-1");
    }

    @Test
    void latin1BodyIsReadInTheCharsetItNames() {
        byte[] latin1 = "customerId,lastName\nc-1,Meriläinen\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThat(rowsOf(latin1, StandardCharsets.ISO_8859_1)).singleElement()
                .extracting(row -> row.customer().lastName()).isEqualTo("Meriläinen");
    }

    @Test
    void rowWithBytesThatAreNotUtf8IsReportedNamingTheCharsetToGiveAndTheOtherRowsRead() {
        byte[] latin1 = "customerId,lastName\nc-1,Virtanen\nc-2,Meriläinen\n".getBytes(StandardCharsets.ISO_8859_1);

        List<CsvRow> rows = rowsOf(latin1, StandardCharsets.UTF_8);

        assertThat(rows.getFirst().customer().lastName()).isEqualTo("Virtanen");
        assertThat(rows.get(1).line()).isEqualTo(3);
        assertThat(rows.get(1).unreadable().reason()).contains("is not UTF-8", "charset=windows-1252");
    }

    @Test
    void emptyCellsAndMissingColumnsAreAbsentValues() {
        CsvRow row = rowsOf("customerId,firstName,lastName\nc-1,,Virtanen\n").getFirst();

        assertThat(row.customer().firstName()).isNull();
        assertThat(row.customer().email()).isNull();
        assertThat(row.customer().company()).isNull();
    }

    @Test
    void blankLinesAndRowsOfEmptyCellsAreSkipped() {
        assertThat(rowsOf("customerId,lastName\n\nc-1,Virtanen\n,\n\n")).extracting(CsvRow::row)
                .containsExactly(1L);
    }

    @Test
    void rowWithMoreValuesThanColumnsIsReportedAndTheNextRowRead() {
        List<CsvRow> rows = rowsOf("customerId,lastName\nc-1,Virtanen,Aino\nc-2,Korhonen\n");

        assertThat(rows.getFirst().unreadable()).isEqualTo(new FieldViolation("(row)",
                "has 3 values but the header names 2 columns; quote values that contain ',' or a line break"));
        assertThat(rows.getFirst().customerId()).isEqualTo("c-1");
        assertThat(rows.get(1).customer().lastName()).isEqualTo("Korhonen");
    }

    @Test
    void rowThatIsNoCsvIsReportedAndTheNextRowRead() {
        List<CsvRow> rows = rowsOf("customerId,lastName\n\"c-1\"x,Virtanen\nc-2,Korhonen\n");

        assertThat(rows.getFirst().unreadable().field()).isEqualTo("(row)");
        assertThat(rows.getFirst().unreadable().reason()).contains("cannot be read as CSV", "double the quotes");
        assertThat(rows.getFirst().line()).isEqualTo(2);
        assertThat(rows.get(1).customer().customerId()).isEqualTo("c-2");
        assertThat(rows.get(1).row()).isEqualTo(2);
    }

    @Test
    void aRowWithSeveralMisplacedQuotesIsOneUnreadableRowAndTheNextOneIsRead() {
        // Found by CustomerCsvFuzzTest: a second error while skipping the row's remains stopped the import.
        List<CsvRow> rows = rowsOf("customerId,email\nc-1,\"a\"x\"b\"y\nc-2,z@example.fi\n");

        assertThat(rows).extracting(CsvRow::line).containsExactly(2L, 3L);
        assertThat(rows.getFirst().unreadable().reason()).contains("cannot be read as CSV");
        assertThat(rows.get(1).customer().customerId()).isEqualTo("c-2");
    }

    @Test
    void quoteLeftOpenAtTheEndIsReportedAsItsRow() {
        List<CsvRow> rows = rowsOf("customerId,lastName\nc-1,Virtanen\nc-2,\"Korhonen\n");

        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).unreadable().reason()).contains("cannot be read as CSV");
        assertThat(rows.get(1).line()).isEqualTo(3);
    }

    @Test
    void quoteLeftOpenStopsTheReadingInsteadOfTakingTheRestOfAHugeBodyIntoOneValue() {
        String rest = "c-3,Mäkinen\n".repeat(CustomerCsvReader.MAX_ROW_CHARS / 10);

        UncheckedIOException e = catchThrowableOfType(UncheckedIOException.class,
                () -> rowsOf("customerId,lastName\nc-1,Virtanen\nc-2,\"Korhonen\n" + rest));

        assertThat(e).hasMessage("the row starting on line 3 goes on for more than 1048576 characters: a quote left open? "
                + "Close it, and import the rows from there on again");
    }

    @Test
    void rowOfMoreValuesThanAnyRegisterHasIsReportedWithoutKeepingThem() {
        List<CsvRow> rows = rowsOf("customerId,lastName\n" + "x,".repeat(5_000) + "x\nc-2,Korhonen\n");

        assertThat(rows.getFirst().unreadable().reason()).contains("more than 1000 values");
        assertThat(rows.get(1).customer().customerId()).isEqualTo("c-2");
    }

    @Test
    void emptyBodyIsRefusedShowingAHeaderRow() {
        InvalidCsvException e = catchThrowableOfType(InvalidCsvException.class, () -> rowsOf(""));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("(header)");
            assertThat(v.reason()).contains("is missing", "customerId,firstName,lastName");
        });
    }

    @Test
    void unknownColumnIsRefusedListingTheColumnsThereAre() {
        InvalidCsvException e = catchThrowableOfType(InvalidCsvException.class,
                () -> rowsOf("customerId,lastName,emial\nc-1,Virtanen,aino@example.fi\n"));

        assertThat(e.violations()).singleElement().extracting(FieldViolation::reason).asString()
                .contains("unknown column(s) 'emial'", "the columns are customerId, firstName", "company.businessId");
    }

    @Test
    void headerWithoutCustomerIdIsRefused() {
        InvalidCsvException e = catchThrowableOfType(InvalidCsvException.class,
                () -> rowsOf("lastName,email\nVirtanen,aino@example.fi\n"));

        assertThat(e.violations()).singleElement().extracting(FieldViolation::reason).asString()
                .contains("no customerId column");
    }

    @Test
    void columnNamedTwiceIsRefused() {
        InvalidCsvException e = catchThrowableOfType(InvalidCsvException.class,
                () -> rowsOf("customerId,email,Email\nc-1,a@example.fi,b@example.fi\n"));

        assertThat(e.violations()).singleElement().extracting(FieldViolation::reason).asString()
                .contains("email more than once");
    }

    private static List<CsvRow> rowsOf(String csv) {
        return rowsOf(csv.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static List<CsvRow> rowsOf(byte[] body, Charset charset) {
        var rows = new ArrayList<CsvRow>();
        try (var reader = CustomerCsvReader.open(new ByteArrayInputStream(body), charset)) {
            for (CsvRow row = reader.next(); row != null; row = reader.next()) {
                rows.add(row);
            }
        }
        return rows;
    }
}
