package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.links.SignedLinks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.internet.InternetAddress;

/** How the SMTP hand-over tells its failures apart: what is retried, what fails, what may have been sent. */
class EmailDeliveryTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final DeliveryProperties PROPERTIES = new DeliveryProperties("Touchpoint CRM <crm@touchpoint.example>",
            "touchpoint.example", new DeliveryProperties.Retry(1, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(5));
    private static final SignedLinks LINKS = new SignedLinks(new LinkProperties(URI.create("https://crm.example"),
            "a-secret-of-at-least-thirty-two-characters"));

    @Test
    void theMessageIdIsTheSendIdAndSurvivesSaving() throws Exception {
        var mime = new EmailComposer(PROPERTIES, LINKS, Clock.systemUTC()).compose(new JavaMailSenderImpl().getSession(), message("aino@example.fi"));

        mime.saveChanges();

        assertThat(mime.getMessageID()).isEqualTo("<5a4c7228-de11-3837-a7fd-2ca78fc5f68a@touchpoint.example>");
        assertThat(mime.getHeader(EmailComposer.CAMPAIGN_HEADER)).containsExactly("thank-you");
    }

    @Test
    void withoutHtmlTheMessageIsPlainText() throws Exception {
        var mime = new EmailComposer(PROPERTIES, LINKS, Clock.systemUTC()).compose(new JavaMailSenderImpl().getSession(), message("aino@example.fi"));

        mime.saveChanges();

        assertThat(mime.getContentType()).startsWith("text/plain");
        assertThat(mime.getContent()).isEqualTo("Hei Aino");
    }

    @Test
    void aServerThatAcceptsItHasItOnce() throws Exception {
        var server = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            delivery(server.getSmtp().getPort()).handOver(message("aino@example.fi"));

            assertThat(server.getReceivedMessages()).hasSize(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatCannotBeReachedIsTransientAndNothingWasHandedOver() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            closedPort = socket.getLocalPort();
        }
        var delivery = delivery(closedPort);

        assertThatThrownBy(() -> delivery.handOver(message("aino@example.fi")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.isTransient()).isTrue();
                    assertThat(f.maybeHandedOver()).isFalse();
                });
    }

    @Test
    void aServerThatFallsSilentOnceConnectedMayHaveItAndIsNotRetried() throws Exception {
        // The kernel accepts the connection into the backlog; nobody ever answers on it.
        try (var silent = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            var delivery = delivery(silent.getLocalPort());

            assertThatThrownBy(() -> delivery.handOver(message("aino@example.fi")))
                    .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                        assertThat(f.isTransient()).isFalse();
                        assertThat(f.maybeHandedOver()).isTrue();
                    });
        }
    }

    @Test
    void anAddressThatIsNotOneIsPermanent() {
        var delivery = delivery(25);

        assertThatThrownBy(() -> delivery.handOver(message("not an address")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> {
                    assertThat(f.isTransient()).isFalse();
                    assertThat(f.maybeHandedOver()).isFalse();
                    assertThat(f).hasMessageContaining("5a4c7228-de11-3837-a7fd-2ca78fc5f68a").hasMessageNotContaining("not an address");
                });
    }

    @Test
    void anSmtpRefusalIsPermanentAndItsTextKeepsTheServersWordsButNotTheAddress() throws Exception {
        var refused = new SMTPAddressFailedException(new InternetAddress("aino@example.fi"), "RCPT TO", 550,
                "550 5.1.1 <aino@example.fi>: Recipient address rejected: User unknown");

        DeliveryFailure failure = EmailDelivery.classify(message("aino@example.fi"),
                new MailSendException("Failed messages: " + refused, refused));

        assertThat(failure.isTransient()).isFalse();
        assertThat(failure).hasMessageContaining("550 5.1.1").hasMessageContaining("User unknown")
                .hasMessageContaining("5a4c7228-de11-3837-a7fd-2ca78fc5f68a").hasMessageNotContaining("aino@example.fi");
    }

    private static EmailDelivery delivery(int port) {
        var sender = new JavaMailSenderImpl();
        sender.setHost(LOOPBACK);
        sender.setPort(port);
        var properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "500");
        sender.setJavaMailProperties(properties);
        return new EmailDelivery(new SmtpConnections(sender, 1), new EmailComposer(PROPERTIES, LINKS, Clock.systemUTC()));
    }

    private static CampaignMessage message(String recipient) {
        return CampaignMessage.newBuilder().setMessageId("5a4c7228-de11-3837-a7fd-2ca78fc5f68a").setCampaignId("thank-you")
                .setCustomerId("c-1").setChannel(Channel.EMAIL).setDecision(CampaignDecision.SEND).setRecipient(recipient)
                .setSubject("Kiitos ostoksestasi!").setTextBody("Hei Aino").setSegmentId("purchasers")
                .setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
