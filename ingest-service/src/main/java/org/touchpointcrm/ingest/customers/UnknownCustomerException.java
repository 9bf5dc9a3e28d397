package org.touchpointcrm.ingest.customers;

/** The profile query knows no profile of this customer. */
public class UnknownCustomerException extends RuntimeException {

    public UnknownCustomerException(String message) {
        super(message);
    }
}
