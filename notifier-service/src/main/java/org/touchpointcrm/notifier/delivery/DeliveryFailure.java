package org.touchpointcrm.notifier.delivery;

/**
 * Why a hand-over (or the consent check before it) did not succeed. Transient failures are retried; a
 * permanent one, or a transient one whose retries are used up, ends the send as FAILED, unless the message
 * may already be with the provider ({@link #maybeHandedOver()}), which makes it UNKNOWN.
 */
public class DeliveryFailure extends RuntimeException {

    public enum Kind {
        /** Worth another attempt: connection refused, SMTP 4xx, HTTP 429 or 5xx, the profile query down. */
        TRANSIENT,
        /** Another attempt would be refused the same way: an invalid address, SMTP 5xx, HTTP 4xx. */
        PERMANENT
    }

    private final Kind kind;
    private final boolean maybeHandedOver;

    public DeliveryFailure(Kind kind, boolean maybeHandedOver, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.maybeHandedOver = maybeHandedOver;
    }

    public static DeliveryFailure transientFailure(String message, Throwable cause) {
        return new DeliveryFailure(Kind.TRANSIENT, false, message, cause);
    }

    public static DeliveryFailure permanent(String message, Throwable cause) {
        return new DeliveryFailure(Kind.PERMANENT, false, message, cause);
    }

    /** The connection broke once the message was on its way: the provider may have it. */
    public static DeliveryFailure brokeOff(Kind kind, String message, Throwable cause) {
        return new DeliveryFailure(kind, true, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    public boolean maybeHandedOver() {
        return maybeHandedOver;
    }
}
