package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EmailDeliveryTest {

    private static final String LOOPBACK = "127.0.0.1";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void theMessageIdIsTheSendIdAndSurvivesSaving() throws Exception {
        var mime = delivery(new JavaMailSenderImpl()).compose(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a"));

        mime.saveChanges();

        assertThat(mime.getMessageID()).isEqualTo("<5a4c7228-de11-3837-a7fd-2ca78fc5f68a@touchpoint.example>");
        assertThat(mime.getHeader("X-Crm-Campaign")).containsExactly("thank-you");
        assertThat(mime.getSubject()).isEqualTo("Kiitos ostoksestasi!");
        assertThat(mime.getContent()).isEqualTo("Hei Aino");
    }

    @Test
    void aMessageTheServerAcceptsIsCountedAsSent() throws Exception {
        var server = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        server.start();
        try {
            delivery(sender(server.getSmtp().getPort())).deliver(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a"));

            assertThat(server.getReceivedMessages()).hasSize(1);
            assertThat(deliveries("SENT")).isEqualTo(1.0);
        } finally {
            server.stop();
        }
    }

    @Test
    void aServerThatCannotBeReachedIsCountedAsFailed() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            closedPort = socket.getLocalPort();
        }
        var delivery = delivery(sender(closedPort));

        assertThatThrownBy(() -> delivery.deliver(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a")))
                .isInstanceOf(MailException.class);
        assertThat(deliveries("FAILED")).isEqualTo(1.0);
    }

    @Test
    void aServerThatFallsSilentOnceConnectedIsCountedAsUnknown() throws Exception {
        // The kernel accepts the connection into the backlog; nobody ever answers on it.
        try (var silent = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            var delivery = delivery(sender(silent.getLocalPort()));

            assertThatThrownBy(() -> delivery.deliver(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a")))
                    .isInstanceOf(MailException.class);
        }
        assertThat(deliveries("UNKNOWN")).isEqualTo(1.0);
    }

    @Test
    void aSuppressedDecisionIsNotADelivery() throws Exception {
        var suppressed = CampaignMessage.newBuilder(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a"))
                .setDecision(CampaignDecision.SUPPRESS).setSuppressionReason("NO_ADDRESS").setRecipient(null).build();

        delivery(new JavaMailSenderImpl()).deliver(suppressed);

        assertThat(registry.find(DeliveryMeters.NAME).counters()).isEmpty();
    }

    private EmailDelivery delivery(JavaMailSenderImpl sender) {
        return new EmailDelivery(sender, new DeliveryProperties("Touchpoint CRM <crm@touchpoint.example>", "touchpoint.example"),
                new DeliveryMeters(registry));
    }

    private static JavaMailSenderImpl sender(int port) {
        var sender = new JavaMailSenderImpl();
        sender.setHost(LOOPBACK);
        sender.setPort(port);
        var properties = new Properties();
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "500");
        sender.setJavaMailProperties(properties);
        return sender;
    }

    private double deliveries(String outcome) {
        return registry.get(DeliveryMeters.NAME).tag("channel", "EMAIL").tag("outcome", outcome).counter().count();
    }

    private static CampaignMessage message(String id) {
        return CampaignMessage.newBuilder().setMessageId(id).setCampaignId("thank-you").setCustomerId("c-1")
                .setChannel(Channel.EMAIL).setDecision(CampaignDecision.SEND).setRecipient("aino@example.fi")
                .setSubject("Kiitos ostoksestasi!").setTextBody("Hei Aino").setSegmentId("purchasers")
                .setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
