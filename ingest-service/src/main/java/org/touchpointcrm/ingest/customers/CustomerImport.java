package org.touchpointcrm.ingest.customers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.customers.CustomerCsvReader.CsvRow;
import org.touchpointcrm.ingest.customers.ImportReport.Progress;
import org.touchpointcrm.ingest.customers.ImportReport.RowProblem;
import org.touchpointcrm.ingest.customers.ImportReport.Summary;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.platform.privacy.PersonalData;
import org.touchpointcrm.schemas.Topics;

/**
 * Imports a customer register export: each row is validated like a PUT, the valid ones are sent to
 * the register topic with at most {@code maxInFlight} awaiting their acknowledgement, and the answer
 * accounts for every row: accepted (acknowledged by all in-sync replicas), rejected (with its row,
 * line and reasons), failed (Kafka did not store it) or skipped. Nothing is counted as accepted
 * before its acknowledgement. After Kafka's first failure no more rows are sent (the rest are read
 * and counted as skipped), so that the answer can say exactly from which row to import again;
 * importing a row again is harmless (it replaces the record with the same data).
 */
@Component
public class CustomerImport {

    /** The source written into imported records. */
    static final String SOURCE = "csv-import";

    private static final Logger log = LoggerFactory.getLogger(CustomerImport.class);

    private final CustomerValidator validator;
    private final CustomerPublisher publisher;
    private final CustomerImportProperties limits;

    public CustomerImport(CustomerValidator validator, CustomerPublisher publisher, CustomerImportProperties limits) {
        this.validator = validator;
        this.publisher = publisher;
        this.limits = limits;
    }

    /**
     * Reads every row and waits for the last acknowledgement. Never throws: whatever stops the import
     * is reported in the summary, after the rows already sent have been accounted for.
     *
     * @param progress told after every {@code progressEvery} rows; if it throws (the client went away),
     *                 the import stops
     */
    public Summary run(CustomerCsvReader csv, Consumer<Progress> progress) {
        return new Run(progress).run(csv);
    }

    /** The state of one import; the producer's thread reports outcomes into it concurrently. */
    private final class Run {

        private final Consumer<Progress> progress;
        private final long started = System.nanoTime();
        private final Semaphore slots = new Semaphore(limits.maxInFlight());
        /** Rows sent and not yet accounted for; whoever removes a row (ack, failure, drain) counts it. */
        private final Map<Long, RowProblem> inFlight = new ConcurrentHashMap<>();
        private final AtomicLong accepted = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final ConcurrentLinkedQueue<RowProblem> failures = new ConcurrentLinkedQueue<>();
        private final AtomicReference<String> brokerFailure = new AtomicReference<>();
        private final List<RowProblem> rejections = new ArrayList<>();
        private long rowsRead;
        private long rejected;
        private long skipped;
        /** The first row not sent because Kafka had failed, if any. */
        private CsvRow firstSkipped;
        private long lastLine = 1;

        Run(Consumer<Progress> progress) {
            this.progress = progress;
        }

        Summary run(CustomerCsvReader csv) {
            String brokeOff = null;
            try {
                for (CsvRow row = csv.next(); row != null; row = csv.next()) {
                    rowsRead++;
                    lastLine = row.line();
                    if (firstSkipped == null && brokerFailure.get() != null) {
                        firstSkipped = row;
                    }
                    if (firstSkipped != null) {
                        // Kafka failed: the rest is read but not sent, so that the client can send
                        // its whole body and receive the summary, which counts these rows.
                        skipped++;
                    } else {
                        take(row);
                    }
                    if (rowsRead % limits.progressEvery() == 0 && !reportProgress()) {
                        brokeOff = "the client went away (the progress could not be written)";
                        break;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("customer import: the body broke off after row {}: {}", rowsRead, PersonalData.redact(e.toString()));
                brokeOff = "the body could not be read to its end: " + e.getMessage();
            }
            drain();
            return summary(brokeOff);
        }

        private void take(CsvRow row) {
            if (row.unreadable() != null) {
                reject(row, List.of(row.unreadable()));
                return;
            }
            CustomerRecord record;
            try {
                record = validator.validate(row.customer().customerId(), row.customer(), SOURCE);
            } catch (InvalidCustomerException e) {
                reject(row, e.violations());
                return;
            }
            send(row, record);
        }

        private void reject(CsvRow row, List<FieldViolation> errors) {
            rejected++;
            if (rejections.size() < limits.maxListedRejections()) {
                rejections.add(new RowProblem(row.row(), row.line(), row.customerId(), errors));
            }
        }

        private void send(CsvRow row, CustomerRecord record) {
            var sent = new RowProblem(row.row(), row.line(), record.getCustomerId(), List.of());
            if (!waitForSlot()) {
                fail(sent, "no acknowledgement from Kafka for " + limits.drainTimeout() + " while "
                        + limits.maxInFlight() + " rows were waiting for one");
                return;
            }
            inFlight.put(row.row(), sent);
            publisher.upsertWithoutWaiting(record).whenComplete((stored, error) -> {
                try {
                    if (inFlight.remove(row.row()) == null) {
                        return; // already reported as unconfirmed by drain()
                    }
                    if (error == null) {
                        accepted.incrementAndGet();
                    } else {
                        fail(sent, AcknowledgedPublisher.reasonOf(error));
                    }
                } finally {
                    slots.release();
                }
            });
        }

        private boolean waitForSlot() {
            try {
                return slots.tryAcquire(limits.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** The first failure stops the import; every failed row is counted and (up to the cap) listed. */
        private void fail(RowProblem row, String why) {
            failed.incrementAndGet();
            brokerFailure.compareAndSet(null, "Kafka did not store row " + row.row() + ": " + why);
            if (failures.size() < limits.maxListedRejections()) {
                failures.add(new RowProblem(row.row(), row.line(), row.customerId(), List.of(new FieldViolation(
                        "(broker)", "was not stored: " + why + "; import this row again"))));
            }
        }

        /** Waits for every row in flight; rows still unconfirmed then are reported, not guessed. */
        private void drain() {
            boolean drained;
            try {
                drained = slots.tryAcquire(limits.maxInFlight(), limits.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                drained = false;
            }
            if (!drained) {
                for (Long row : List.copyOf(inFlight.keySet())) {
                    RowProblem unconfirmed = inFlight.remove(row);
                    if (unconfirmed != null) {
                        fail(unconfirmed, "no acknowledgement within " + limits.drainTimeout()
                                + ", so it may or may not be stored");
                    }
                }
            }
        }

        private boolean reportProgress() {
            try {
                progress.accept(progress());
                return true;
            } catch (RuntimeException e) {
                log.warn("customer import: progress after row {} could not be written: {}", rowsRead,
                        PersonalData.redact(e.toString()));
                return false;
            }
        }

        private Progress progress() {
            return Progress.of(rowsRead, accepted.get(), rejected, failed.get(), inFlight.size());
        }

        private Summary summary(String brokeOff) {
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            List<RowProblem> failedRows = failures.stream().sorted(Comparator.comparingLong(RowProblem::row)).toList();
            long acceptedCount = accepted.get();
            long failedCount = failed.get();
            var detail = new StringBuilder().append(acceptedCount).append(" of ").append(rowsRead)
                    .append(" rows read are stored in ").append(Topics.CUSTOMERS.name());
            if (rejected > 0) {
                detail.append("; ").append(rejected).append(" rejected: correct them and import those rows again");
            }
            if (failedCount > 0) {
                detail.append("; ").append(failedCount).append(" not stored by Kafka: import those rows again");
            }
            if (firstSkipped != null) {
                detail.append("; the import stopped at row ").append(firstSkipped.row()).append(" (line ")
                        .append(firstSkipped.line()).append(") because ").append(brokerFailure.get()).append(": the ")
                        .append(skipped).append(" rows from there on were not sent, import them again");
            }
            if (brokeOff != null) {
                detail.append("; ").append(brokeOff).append(" after row ").append(rowsRead).append(" (line ")
                        .append(lastLine).append("): rows after it were not read, import them again");
            }
            detail.append('.');
            log.info("customer import: {} rows read, {} accepted, {} rejected, {} failed, {} skipped in {} ms", rowsRead,
                    acceptedCount, rejected, failedCount, skipped, elapsedMillis);
            return new Summary("summary", brokeOff == null && skipped == 0, rowsRead, acceptedCount, rejected,
                    failedCount, skipped, List.copyOf(rejections), rejected - rejections.size(), failedRows,
                    failedCount - failedRows.size(), Topics.CUSTOMERS.name(), elapsedMillis, detail.toString());
        }
    }
}
