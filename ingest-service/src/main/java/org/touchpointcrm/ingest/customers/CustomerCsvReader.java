package org.touchpointcrm.ingest.customers;

import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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

import org.touchpointcrm.ingest.input.FieldViolation;

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
    /**
     * No register row comes near this; a longer one has a quote left open, which would otherwise take
     * the rest of the body into one value, and into memory.
     */
    static final int MAX_ROW_CHARS = 1024 * 1024;
    /** Likewise for a row of more values than any register export has columns. */
    static final int MAX_VALUES_PER_ROW = 1_000;
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    private final JsonParser parser;
    private final RowLengthGuard guard;
    private final Charset charset;
    private final char separator;
    /** For each of {@link #COLUMNS}, its position in the file's rows, or -1 if the file lacks it. */
    private final int[] positions;
    private final int width;
    private long rowNumber;

    private CustomerCsvReader(JsonParser parser, RowLengthGuard guard, Charset charset, char separator,
                              int[] positions, int width) {
        this.parser = parser;
        this.guard = guard;
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
        var guard = new RowLengthGuard(reader);
        JsonParser parser = CSV.reader().with(CsvSchema.emptySchema().withColumnSeparator(separator))
                .createParser(guard);
        var headerReader = new CustomerCsvReader(parser, guard, charset, separator, null, 0);
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
            return new CustomerCsvReader(parser, guard, charset, separator, positions(header.cells()),
                    header.cells().size());
        } catch (RuntimeException e) {
            parser.close();
            throw e;
        }
    }

    /**
     * The next customer row, or null at the end of the body.
     *
     * @throws UncheckedIOException if the body cannot be read on: it broke off, or a row never ends
     */
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
        guard.rowStartsAt(parser.currentLocation().getCharOffset(), parser.currentLocation().getLineNr());
        try {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return null;
            }
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
                if (line < 0) {
                    line = parser.currentTokenLocation().getLineNr();
                }
                if (cells.size() == MAX_VALUES_PER_ROW) {
                    skipRestOfRow();
                    return new Row(line, List.of(), new FieldViolation("(row)", "has more than " + MAX_VALUES_PER_ROW
                            + " values; a register row has one per column of the header"));
                }
                cells.add(parser.getString());
            }
            return new Row(line, cells, null);
        } catch (JacksonIOException e) {
            throw brokeOff(e);
        } catch (JacksonException e) {
            long at = line > 0 ? line : parser.currentLocation().getLineNr();
            skipRestOfRow();
            return new Row(at, List.of(), new FieldViolation("(row)", "cannot be read as CSV: "
                    + e.getOriginalMessage() + "; quote values that contain '" + separator + "', a quote or a line break, "
                    + "and double the quotes inside them"));
        }
    }

    /** Counts the characters handed to the parser since the current row began. */
    private static final class RowLengthGuard extends FilterReader {

        private long delivered;
        private long rowStart;
        private long rowLine;

        RowLengthGuard(Reader in) {
            super(in);
        }

        void rowStartsAt(long charOffset, long line) {
            rowStart = charOffset;
            rowLine = line;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            delivered += Math.max(n, 0);
            if (delivered - rowStart > MAX_ROW_CHARS) {
                throw new RowTooLongException("the row starting on line " + rowLine + " goes on for more than "
                        + MAX_ROW_CHARS + " characters: a quote left open? Close it, and import the rows from there on again");
            }
            return n;
        }
    }

    private static final class RowTooLongException extends IOException {

        RowTooLongException(String message) {
            super(message);
        }
    }

    private boolean undecodable(List<String> cells) {
        return cells.stream().anyMatch(cell -> cell.indexOf(REPLACEMENT_CHARACTER) >= 0);
    }

    /**
     * After a syntax error the parser resumes within the row; its remains are not a row of their own,
     * however many more errors they hold (up to one per value a row may have: the parser moves on
     * after each, but a row that never ends is not read forever).
     */
    private void skipRestOfRow() {
        int errors = 0;
        while (true) {
            try {
                JsonToken token = parser.nextToken();
                if (token == null || token == JsonToken.END_ARRAY) {
                    return;
                }
            } catch (JacksonIOException e) {
                throw brokeOff(e);
            } catch (JacksonException e) {
                if (++errors > MAX_VALUES_PER_ROW) {
                    throw new UncheckedIOException(new IOException("the row starting on line " + guard.rowLine
                            + " has more than " + MAX_VALUES_PER_ROW + " syntax errors: " + e.getOriginalMessage(), e));
                }
            }
        }
    }

    /** The body itself could not be read on: it broke off, or a row never ends. */
    private static UncheckedIOException brokeOff(JacksonIOException e) {
        IOException cause = e.getCause() instanceof IOException io ? io : new IOException(e);
        return new UncheckedIOException(cause instanceof RowTooLongException ? cause.getMessage()
                : "the request body could not be read (" + cause.getMessage() + ")", cause);
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
