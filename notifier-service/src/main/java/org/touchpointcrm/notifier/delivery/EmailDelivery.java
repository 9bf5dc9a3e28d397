package org.touchpointcrm.notifier.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends the e-mail of every SEND decision. The SMTP Message-ID is derived from the message id, so
 * the same decision delivered twice is recognisably one message. (The delivery ledger that makes it
 * at most one send per id is the notifier issue's work; until then a crash between send and commit
 * can repeat a send.)
 */
@Component
public class EmailDelivery {

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    private final JavaMailSenderImpl mail;
    private final DeliveryProperties properties;
    private final DeliveryMeters meters;

    public EmailDelivery(JavaMailSenderImpl mail, DeliveryProperties properties, DeliveryMeters meters) {
        this.mail = mail;
        this.properties = properties;
        this.meters = meters;
    }

    @KafkaListener(id = "email-delivery", groupId = "crm-notifier-email-delivery",
            topics = "#{T(org.touchpointcrm.schemas.Topics).CAMPAIGN_MESSAGES.name()}")
    public void deliver(CampaignMessage message) throws MessagingException {
        if (message.getDecision() != CampaignDecision.SEND || message.getChannel() != Channel.EMAIL) {
            return;
        }
        try {
            mail.send(compose(message));
        } catch (MessagingException | RuntimeException e) {
            meters.delivered(Channel.EMAIL, DeliveryOutcome.of(e));
            throw e;
        }
        meters.delivered(Channel.EMAIL, DeliveryOutcome.SENT);
        log.info("sent campaign {} message {} to customer {}", message.getCampaignId(), message.getMessageId(),
                message.getCustomerId());
    }

    MimeMessage compose(CampaignMessage message) throws MessagingException {
        var mime = new FixedIdMimeMessage(mail.getSession(), "<" + message.getMessageId() + "@" + properties.messageIdHost() + ">");
        mime.setFrom(new InternetAddress(properties.sender()));
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(message.getRecipient()));
        mime.setSubject(message.getSubject(), "UTF-8");
        mime.setText(message.getTextBody(), "UTF-8");
        mime.setHeader("X-Crm-Campaign", message.getCampaignId());
        return mime;
    }

    /** Jakarta Mail invents a Message-ID on save; ours is derived from the send id instead. */
    static final class FixedIdMimeMessage extends MimeMessage {

        private final String messageId;

        FixedIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
