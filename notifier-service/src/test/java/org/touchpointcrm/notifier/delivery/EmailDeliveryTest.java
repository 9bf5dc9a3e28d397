package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

class EmailDeliveryTest {

    private final EmailDelivery delivery = new EmailDelivery(new JavaMailSenderImpl(),
            new DeliveryProperties("Touchpoint CRM <crm@touchpoint.example>", "touchpoint.example"));

    @Test
    void theMessageIdIsTheSendIdAndSurvivesSaving() throws Exception {
        var mime = delivery.compose(message("5a4c7228-de11-3837-a7fd-2ca78fc5f68a"));

        mime.saveChanges();

        assertThat(mime.getMessageID()).isEqualTo("<5a4c7228-de11-3837-a7fd-2ca78fc5f68a@touchpoint.example>");
        assertThat(mime.getHeader("X-Crm-Campaign")).containsExactly("thank-you");
        assertThat(mime.getSubject()).isEqualTo("Kiitos ostoksestasi!");
        assertThat(mime.getContent()).isEqualTo("Hei Aino");
    }

    private static CampaignMessage message(String id) {
        return CampaignMessage.newBuilder().setMessageId(id).setCampaignId("thank-you").setCustomerId("c-1")
                .setChannel(Channel.EMAIL).setDecision(CampaignDecision.SEND).setRecipient("aino@example.fi")
                .setSubject("Kiitos ostoksestasi!").setTextBody("Hei Aino").setSegmentId("purchasers")
                .setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
