package org.touchpointcrm.notifier.delivery;

import java.io.IOException;

import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailSendException;

import jakarta.mail.SendFailedException;

/**
 * What became of one send, for {@value DeliveryMeters#NAME}. UNKNOWN is the case a delivery ledger has to
 * settle: the connection to the server broke or timed out once it was open, so the server may or may not have
 * taken the message.
 */
public enum DeliveryOutcome {

    /** The server accepted the message. */
    SENT,
    /** Nothing was delivered: no connection, a refused address or message, or one that could not be built. */
    FAILED,
    /** The connection broke or timed out after it was open: the server may have the message. */
    UNKNOWN;

    /** The outcome of a send that threw {@code failure}. */
    public static DeliveryOutcome of(Exception failure) {
        // Spring reports a message the transport failed to send in the exception's failed messages, not as its cause.
        Throwable first = failure instanceof MailSendException send && send.getMessageExceptions().length > 0
                ? send.getMessageExceptions()[0] : failure;
        boolean brokeOff = false;
        for (Throwable cause = first; cause != null; cause = cause.getCause()) {
            if (cause instanceof MailConnectException || cause instanceof SendFailedException) {
                return FAILED;
            }
            brokeOff |= cause instanceof IOException;
        }
        return brokeOff ? UNKNOWN : FAILED;
    }
}
