package org.touchpointcrm.notifier.delivery;

import java.io.IOException;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.platform.privacy.PersonalData;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;

/**
 * Hands campaign e-mail to the SMTP server, over the pool's open connections. SMTP has no idempotency key, so a
 * send that broke off once the connection was open is UNKNOWN and never handed over again.
 */
public class EmailDelivery implements HandOver {

    private final SmtpConnections connections;
    private final EmailComposer composer;

    public EmailDelivery(SmtpConnections connections, EmailComposer composer) {
        this.connections = connections;
        this.composer = composer;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public String handOver(CampaignMessage message) {
        MimeMessage mime;
        try {
            mime = composer.compose(connections.session(), message);
        } catch (MessagingException e) {
            throw DeliveryFailure.permanent("e-mail " + message.getMessageId() + " could not be built: "
                    + PersonalData.redact(e.getMessage(), message.getRecipient()) + "; check the recipient's address and the campaign's templates", e);
        }
        try {
            connections.send(mime);
            return null;
        } catch (MessagingException | MailException e) {
            throw classify(message, e);
        }
    }

    /** Tells the SMTP server's refusals (4xx transient, 5xx permanent) from connections that never opened or broke off. */
    static DeliveryFailure classify(CampaignMessage message, Exception failure) {
        // Spring reports a message the transport failed to send in the exception's failed messages, not as its cause.
        Throwable first = failure instanceof MailSendException send && send.getMessageExceptions().length > 0
                ? send.getMessageExceptions()[0] : failure;
        // Named by its send id; the server's texts quote the recipient, so they are redacted (docs/security.md).
        String about = "e-mail " + message.getMessageId() + ": ";
        boolean brokeOff = false;
        for (Throwable cause = first; cause != null; cause = cause.getCause()) {
            int code = smtpCode(cause);
            if (code >= 400 && code < 500) {
                return DeliveryFailure.transientFailure(about + "the SMTP server deferred it (" + said(cause, message) + ")", failure);
            }
            if (code >= 500) {
                return DeliveryFailure.permanent(about + "the SMTP server refused it (" + said(cause, message) + ")", failure);
            }
            if (cause instanceof MailConnectException) {
                return DeliveryFailure.transientFailure(about + "the SMTP server is not reachable (" + said(cause, message) + ")", failure);
            }
            if (cause instanceof AddressException || cause instanceof SendFailedException) {
                return DeliveryFailure.permanent(about + "the address was refused (" + said(cause, message) + ")", failure);
            }
            brokeOff |= cause instanceof IOException;
        }
        if (brokeOff) {
            return DeliveryFailure.brokeOff(DeliveryFailure.Kind.PERMANENT, about + "the SMTP connection broke off once open ("
                    + said(mostSpecificCause(failure), message) + "); the server may have it, so it is not sent again", failure);
        }
        return DeliveryFailure.permanent(about + PersonalData.redact(failure.getMessage(), message.getRecipient()), failure);
    }

    private static Throwable mostSpecificCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String said(Throwable cause, CampaignMessage message) {
        return PersonalData.redact(String.valueOf(cause.getMessage()).strip(), message.getRecipient());
    }

    private static int smtpCode(Throwable cause) {
        return switch (cause) {
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            case SMTPSendFailedException e -> e.getReturnCode();
            default -> -1;
        };
    }
}
