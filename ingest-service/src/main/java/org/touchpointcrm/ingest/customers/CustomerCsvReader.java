package org.touchpointcrm.ingest.customers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.touchpointcrm.ingest.FieldViolation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Reads a customer register export one row at a time, however large it is: a header row naming the
 * columns (any of {@link #COLUMNS}, in any order and case; customerId required), then one customer
 * per row. Values are separated by ',' or, as spreadsheets in Finnish and other European locales
 * write them, by ';' (taken from the header row). A row that cannot be read is reported and the
 * next one read; rows made only of empty values are skipped.
 */
final class CustomerCsvReader implements AutoCloseable {

    /** The columns a register export may have, by the names of the fields they fill (and errors name). */
    enum Column {
        CUSTOMER_ID("customerId"), FIRST_NAME("firstName"), LAST_NAME("lastName"), EMAIL("email"), PHONE("phone"),
        POSTAL_CODE("postalCode"), MUNICIPALITY("municipality"), REGION("region"), COUNTRY("country"),
        LANGUAGE("language"), TIME_ZONE("timeZone"), KEY_ACCOUNT_TIER("keyAccountTier"),
        COMPANY_NAME("company.name"), COMPANY_BUSINESS_ID("company.businessId");

        final String header;

        Column(String header) {
            this.header = header;
        }
    }

    static final List<String> COLUMNS = Arrays.stream(Column.values()).map(c -> c.header).toList();
    /** A header row longer than this is not a header of ours. */
    private static final int MAX_HEADER_CHARS = 64 * 1024;
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    /** What the decoder puts in place of bytes that are not of the charset. */
    private static final char REPLACEMENT_CHARACTER = '\uFFFD';
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    private final JsonParser parser;
    private final Charset charset;
    private final char separator;
    /** For each of {@link #COLUMNS}, its position in the file's rows, or -1 if the file lacks it. */
    private final int[] positions;
    private final int width;
    private long rowNumber;

    private CustomerCsvReader(JsonParser parser, Charset charset, char separator, int[] positions, int width) {
        this.parser = parser;
        this.charset = charset;
        this.separator = separator;
        this.positions = positions;
        this.width = width;
    }

    /**
     * Reads the header row.
     *
     * @throws InvalidCsvException if there is none, or it names columns the register does not have
     */
    static CustomerCsvReader open(InputStream body, Charset charset) {
        // Bytes that are not of the charset become U+FFFD, and the rows holding one are refused: the
        // other rows are still imported, and the report names the lines to fix.
        var decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        var reader = new BufferedReader(new InputStreamReader(body, decoder), MAX_HEADER_CHARS);
        char separator;
        try {
            skipByteOrderMark(reader);
            separator = separatorOfHeader(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonParser parser = CSV.reader().with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .createParser(reader);
        var headerReader = new CustomerCsvReader(parser, charset, separator, null, 0);
        try {
            Row header = headerReader.readRow();
            if (header == null) {
                throw headerProblem("is missing: the body is empty. Send a header row first, e.g. "
                        + String.join(",", COLUMNS));
            }
            if (header.problem() != null) {
                throw headerProblem(header.problem().reason());
            }
            if (headerReader.undecodable(header.cells())) {
                throw headerProblem("is not " + charset.name() + ": " + charsetAdvice());
            }
            return new CustomerCsvReader(parser, charset, separator, positions(header.cells()), header.cells().size());
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    /** The next customer row, or null at the end of the body. */
    CsvRow next() {
        Row row = readRow();
        while (row != null && row.problem() == null && row.cells().stream().allMatch(String::isBlank)) {
            row = readRow();
        }
        if (row == null) {
            return null;
        }
        rowNumber++;
        if (row.problem() != null) {
            return new CsvRow(rowNumber, row.line(), null, null, row.problem());
        }
        String customerId = cell(row.cells(), positions[Column.CUSTOMER_ID.ordinal()]);
        if (undecodable(row.cells())) {
            return new CsvRow(rowNumber, row.line(), null, customerId,
                    new FieldViolation("(row)", "is not " + charset.name() + ": " + charsetAdvice()));
        }
        if (row.cells().size() != width) {
            return new CsvRow(rowNumber, row.line(), null, customerId, new FieldViolation("(row)", "has "
                    + row.cells().size() + " values but the header names " + width + " columns; quote values that "
                    + "contain '" + separator + "' or a line break"));
        }
        return new CsvRow(rowNumber, row.line(), customer(row.cells()), customerId, null);
    }

    @Override
    public void close() {
        parser.close();
    }

    /** One row as read: its values, or why it could not be read. */
    private record Row(long line, List<String> cells, FieldViolation problem) {
    }

    /**
     * One customer row of the file.
     *
     * @param row        1 for the first row after the header
     * @param line       the line of the file the row starts on (the header is line 1)
     * @param customer   the row's data, or null if the row could not be read
     * @param customerId the row's customerId as written, for the report
     * @param unreadable why the row could not be read, or null
     */
    record CsvRow(long row, long line, CustomerRequest customer, String customerId, FieldViolation unreadable) {
    }

    private Row readRow() {
        long line = -1;
        var cells = new ArrayList<String>(Math.max(width, 16));
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (line < 0) {
                    line = parser.currentTokenLocation().getLineNr();
                }
                cells.add(parser.getString());
            }
            return new Row(line, cells, null);
        } catch (JacksonIOException e) {
            throw new UncheckedIOException(new IOException("the request body could not be read", e));
        } catch (JacksonException e) {
            long at = line > 0 ? line : parser.currentLocation().getLineNr();
            skipRestOfRow();
            return new Row(at, List.of(), new FieldViolation("(row)", "cannot be read as CSV: "
                    + e.getOriginalMessage() + "; quote values that contain '" + separator + "', a quote or a line break, "
                    + "and double the quotes inside them"));
        }
    }

    private boolean undecodable(List<String> cells) {
        return cells.stream().anyMatch(cell -> cell.indexOf(REPLACEMENT_CHARACTER) >= 0);
    }

    /** After a syntax error the parser resumes within the row; its remains are not a row of their own. */
    private void skipRestOfRow() {
        JsonToken token;
        do {
            token = parser.nextToken();
        } while (token != null && token != JsonToken.END_ARRAY);
    }

    private CustomerRequest customer(List<String> cells) {
        String companyName = value(cells, Column.COMPANY_NAME);
        String businessId = value(cells, Column.COMPANY_BUSINESS_ID);
        return new CustomerRequest(value(cells, Column.CUSTOMER_ID), value(cells, Column.FIRST_NAME),
                value(cells, Column.LAST_NAME), value(cells, Column.EMAIL), value(cells, Column.PHONE),
                value(cells, Column.POSTAL_CODE), value(cells, Column.MUNICIPALITY), value(cells, Column.REGION),
                value(cells, Column.COUNTRY), value(cells, Column.LANGUAGE), value(cells, Column.TIME_ZONE),
                value(cells, Column.KEY_ACCOUNT_TIER),
                companyName == null && businessId == null ? null : new CustomerRequest.Company(companyName, businessId));
    }

    /** Null when the file lacks the column or the cell is empty. */
    private String value(List<String> cells, Column column) {
        String value = cell(cells, positions[column.ordinal()]);
        return value == null || value.isBlank() ? null : value;
    }

    private static String cell(List<String> cells, int position) {
        return position >= 0 && position < cells.size() ? cells.get(position) : null;
    }

    private static int[] positions(List<String> header) {
        Map<String, Integer> known = new HashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            known.put(COLUMNS.get(i).toLowerCase(Locale.ROOT), i);
        }
        int[] positions = new int[COLUMNS.size()];
        Arrays.fill(positions, -1);
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (int position = 0; position < header.size(); position++) {
            String name = header.get(position).strip();
            Integer column = known.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                unknown.add("'" + name + "'");
            } else if (positions[column] >= 0) {
                repeated.add(COLUMNS.get(column));
            } else {
                positions[column] = position;
            }
        }
        var problems = new ArrayList<FieldViolation>();
        if (!unknown.isEmpty()) {
            // Refused rather than ignored: a misspelt column would silently drop data from every row.
            problems.add(new FieldViolation("(header)", "names unknown column(s) " + String.join(", ", unknown)
                    + "; the columns are " + String.join(", ", COLUMNS)));
        }
        if (!repeated.isEmpty()) {
            problems.add(new FieldViolation("(header)", "names column(s) " + String.join(", ", repeated)
                    + " more than once; keep one of each"));
        }
        if (positions[Column.CUSTOMER_ID.ordinal()] < 0) {
            problems.add(new FieldViolation("(header)", "has no customerId column; every row needs the customer's id"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidCsvException(problems);
        }
        return positions;
    }

    private static InvalidCsvException headerProblem(String reason) {
        return new InvalidCsvException(List.of(new FieldViolation("(header)", reason)));
    }

    private static String charsetAdvice() {
        return "save the file as UTF-8, or name its charset, e.g. Content-Type: text/csv; charset=windows-1252";
    }

    /** Spreadsheets put a byte-order mark before UTF-8; it is not part of the first column's name. */
    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != BYTE_ORDER_MARK) {
            reader.reset();
        }
    }

    /** ';' if the header row has semicolons and no commas, else ','. Leaves the reader where it was. */
    private static char separatorOfHeader(BufferedReader reader) throws IOException {
        reader.mark(MAX_HEADER_CHARS);
        boolean commas = false;
        boolean semicolons = false;
        for (int read = 0, c; read < MAX_HEADER_CHARS && (c = reader.read()) != -1 && c != '\n' && c != '\r'; read++) {
            commas |= c == ',';
            semicolons |= c == ';';
        }
        reader.reset();
        return semicolons && !commas ? ';' : ',';
    }
}
