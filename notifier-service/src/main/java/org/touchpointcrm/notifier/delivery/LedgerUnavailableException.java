package org.touchpointcrm.notifier.delivery;

/** The delivery ledger could not be read or written: nothing is handed over without it. */
public class LedgerUnavailableException extends RuntimeException {

    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
