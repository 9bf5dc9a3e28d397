package org.touchpointcrm.ingest.customers;

import java.util.concurrent.CompletableFuture;

import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;
import org.touchpointcrm.schemas.Topics;

/** Writes the register's records and erasure requests, keyed by customerId, acknowledged by all replicas. */
@Component
public class CustomerPublisher {

    static final String UPSERT_RETRY_ADVICE = "send the same request again (a PUT replaces the record, so repeating it is safe)";
    static final String ERASURE_RETRY_ADVICE = "send the DELETE again (a repeated erasure request is harmless)";

    private final AcknowledgedPublisher publisher;

    public CustomerPublisher(AcknowledgedPublisher publisher) {
        this.publisher = publisher;
    }

    /** Returns once the record is stored; a 200 always means "in the register". */
    public Stored upsert(CustomerRecord record) {
        return publisher.publish(Topics.CUSTOMERS, record.getCustomerId(), record,
                "customer " + record.getCustomerId(), UPSERT_RETRY_ADVICE);
    }

    /** For imports, which keep many records in flight and collect the outcomes themselves. */
    public CompletableFuture<Stored> upsertWithoutWaiting(CustomerRecord record) {
        return publisher.send(Topics.CUSTOMERS, record.getCustomerId(), record);
    }

    public Stored fileErasure(ErasureRequest request) {
        return publisher.publish(Topics.ERASURE_REQUESTS, request.getCustomerId(), request,
                "erasure request " + request.getRequestId() + " of customer " + request.getCustomerId(),
                ERASURE_RETRY_ADVICE);
    }
}
