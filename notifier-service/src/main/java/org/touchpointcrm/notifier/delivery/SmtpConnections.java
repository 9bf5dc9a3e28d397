package org.touchpointcrm.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

/**
 * A pool of open SMTP connections to the relay that {@code spring.mail.*} names: a message goes over a connection
 * that is already open (no TCP and EHLO per message, which is what costs most with a nearby relay), at most
 * {@code size} at a time. A connection that failed is closed, never reused; one idle for longer than
 * {@link #CHECK_AFTER_IDLE} is checked (NOOP) before use, since the relay may have closed it, and a send that
 * broke off on a connection the relay had dropped would be UNKNOWN instead of sent.
 */
public class SmtpConnections implements AutoCloseable {

    static final Duration CHECK_AFTER_IDLE = Duration.ofSeconds(1);

    private record Open(Transport transport, long idleSince) {
    }

    private final JavaMailSenderImpl mail;
    private final Semaphore permits;
    private final LinkedBlockingDeque<Open> idle = new LinkedBlockingDeque<>();

    public SmtpConnections(JavaMailSenderImpl mail, int size) {
        this.mail = mail;
        this.permits = new Semaphore(size, true);
    }

    /** The session the messages are built in: the relay's settings and timeouts. */
    public jakarta.mail.Session session() {
        return mail.getSession();
    }

    /**
     * Sends the message over an open connection, opening one if none is idle.
     *
     * @throws MessagingException as Jakarta Mail reports it: the connection could not be opened
     *         ({@code MailConnectException}), the relay refused (SMTP codes), or the connection broke off
     */
    public void send(MimeMessage message) throws MessagingException {
        permits.acquireUninterruptibly();
        Transport transport = null;
        try {
            transport = borrow();
            transport.sendMessage(message, message.getAllRecipients());
            idle.addFirst(new Open(transport, System.nanoTime()));
            transport = null;
        } finally {
            if (transport != null) {
                close(transport);
            }
            permits.release();
        }
    }

    private Transport borrow() throws MessagingException {
        for (Open open = idle.pollFirst(); open != null; open = idle.pollFirst()) {
            boolean fresh = System.nanoTime() - open.idleSince() < CHECK_AFTER_IDLE.toNanos();
            if (fresh || open.transport().isConnected()) {
                return open.transport();
            }
            close(open.transport());
        }
        // As JavaMailSenderImpl picks it: its own setting, else the session's, else smtp.
        String protocol = mail.getProtocol() != null ? mail.getProtocol()
                : mail.getSession().getProperty("mail.transport.protocol") != null
                        ? mail.getSession().getProperty("mail.transport.protocol") : "smtp";
        Transport transport = mail.getSession().getTransport(protocol);
        transport.connect(mail.getHost(), mail.getPort(), mail.getUsername(), mail.getPassword());
        return transport;
    }

    private static void close(Transport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // closing a connection that failed: nothing more to learn from it
        }
    }

    /** Open connections not in use now. */
    int idle() {
        return idle.size();
    }

    @Override
    public void close() {
        for (Open open = idle.pollFirst(); open != null; open = idle.pollFirst()) {
            close(open.transport());
        }
    }
}
