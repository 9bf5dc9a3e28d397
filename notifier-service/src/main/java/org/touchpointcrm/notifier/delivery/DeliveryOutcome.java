package org.touchpointcrm.notifier.delivery;

/**
 * What became of one send, for {@value DeliveryMeters#NAME} and the delivery ledger. UNKNOWN is the case the
 * ledger exists for: the message may or may not be with the server, so it is never sent blind a second time.
 */
public enum DeliveryOutcome {

    /** The server or gateway accepted the message. */
    SENT,
    /** Nothing was delivered and nothing will be: a refused address or message, or retries used up. */
    FAILED,
    /** Handed over, or maybe handed over, with no answer: never sent again blind. */
    UNKNOWN,
    /** Not sent: the customer's consent for the channel and purpose was withdrawn (or missing) at delivery time. */
    CANCELLED
}
