package org.touchpointcrm.ingest.publishing;

/**
 * A record could not be stored now (no acknowledgement in time, or the broker refused it). The
 * sender keeps what it sent and retries as {@link #retryAdvice()} says.
 */
public class BrokerUnavailableException extends RuntimeException {

    private final String retryAdvice;

    /**
     * @param message     what was not stored and why
     * @param retryAdvice what the sender should do, e.g. "keep the event and retry it with the same eventId"
     */
    public BrokerUnavailableException(String message, String retryAdvice, Throwable cause) {
        super(message, cause);
        this.retryAdvice = retryAdvice;
    }

    public String retryAdvice() {
        return retryAdvice;
    }
}
