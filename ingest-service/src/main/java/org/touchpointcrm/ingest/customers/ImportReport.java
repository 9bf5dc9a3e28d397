package org.touchpointcrm.ingest.customers;

import java.util.List;

import org.touchpointcrm.ingest.input.FieldViolation;

/**
 * The lines {@code POST /v1/customers:import} answers with, one JSON object per line
 * ({@code application/x-ndjson}): progress while the rows are read, then one summary.
 */
public final class ImportReport {

    private ImportReport() {
    }

    /**
     * @param accepted    rows Kafka has acknowledged so far
     * @param rejected    rows refused so far (invalid or unreadable)
     * @param failed      valid rows Kafka did not store
     * @param awaitingAck rows sent and not yet acknowledged
     */
    public record Progress(String kind, long rowsRead, long accepted, long rejected, long failed, long awaitingAck) {

        static Progress of(long rowsRead, long accepted, long rejected, long failed, long awaitingAck) {
            return new Progress("progress", rowsRead, accepted, rejected, failed, awaitingAck);
        }
    }

    /**
     * The outcome: {@code rowsRead == accepted + rejected + failed + skipped}.
     *
     * @param complete            whether every row of the body was read and sent (or rejected); if not,
     *                            {@code detail} says from which row to import again
     * @param failed              valid rows Kafka did not store, or did not confirm in time
     * @param skipped             rows read after Kafka had failed, and therefore not sent
     * @param rejections          the first rows refused as invalid or unreadable, with every reason
     * @param rejectionsNotListed rejected rows beyond those listed
     * @param failures            the first failed rows
     * @param failuresNotListed   failed rows beyond those listed
     * @param detail              the outcome in a sentence, with what to do
     */
    public record Summary(String kind, boolean complete, long rowsRead, long accepted, long rejected, long failed,
                          long skipped, List<RowProblem> rejections, long rejectionsNotListed,
                          List<RowProblem> failures, long failuresNotListed, String topic, long elapsedMillis,
                          String detail) {
    }

    /**
     * One row that was not accepted.
     *
     * @param row        1 for the first row after the header
     * @param line       the line of the file the row starts on (the header is line 1)
     * @param customerId as written in the row, if it could be read
     */
    public record RowProblem(long row, long line, String customerId, List<FieldViolation> errors) {
    }
}
