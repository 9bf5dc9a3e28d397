package org.touchpointcrm.crmctl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Columns padded to their widest cell; numbers aligned right, so that they can be compared at a glance. */
public final class TextTable {

    private final List<String> headers;
    private final List<Object[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
        }
        rows.add(cells);
        return this;
    }

    public void print(PrintWriter out, String indent) {
        int[] widths = headers.stream().mapToInt(String::length).toArray();
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], String.valueOf(row[i]).length());
            }
        }
        out.println(line(indent, widths, headers.toArray()));
        rows.forEach(row -> out.println(line(indent, widths, row)));
    }

    private static String line(String indent, int[] widths, Object[] cells) {
        StringBuilder line = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String cell = String.valueOf(cells[i]);
            String pad = " ".repeat(widths[i] - cell.length());
            line.append(cells[i] instanceof Number ? pad + cell : cell + (i == cells.length - 1 ? "" : pad));
            if (i < cells.length - 1) {
                line.append("  ");
            }
        }
        return line.toString().stripTrailing();
    }
}
