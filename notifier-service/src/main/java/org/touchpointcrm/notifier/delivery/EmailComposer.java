package org.touchpointcrm.notifier.delivery;

import java.time.Clock;

import org.jsoup.Jsoup;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.notifier.links.SignedLinks;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * A campaign e-mail as it goes out: multipart/alternative text and HTML (text only when the campaign has no
 * HTML), the Message-ID derived from the send id, and RFC 8058 one-click unsubscribe headers.
 */
@Component
public class EmailComposer {

    static final String CAMPAIGN_HEADER = "X-Crm-Campaign";
    private static final String UTF_8 = "UTF-8";

    private final DeliveryProperties properties;
    private final SignedLinks links;
    private final TrackedHtml trackedHtml;
    private final Clock clock;

    public EmailComposer(DeliveryProperties properties, SignedLinks links, Clock clock) {
        this.properties = properties;
        this.links = links;
        this.trackedHtml = new TrackedHtml(links);
        this.clock = clock;
    }

    /** {@code <sendId@messageIdHost>}: the same send is recognisably the same message wherever it shows up. */
    public String messageId(CampaignMessage message) {
        return "<" + message.getMessageId() + "@" + properties.messageIdHost() + ">";
    }

    public MimeMessage compose(Session session, CampaignMessage message) throws MessagingException {
        // The links carry the hand-over time: its unsubscribe cannot undo a consent given after it.
        LinkSubject subject = LinkSubject.of(message).withSentAt(clock.instant());
        var mime = new FixedIdMimeMessage(session, messageId(message));
        mime.setFrom(new InternetAddress(properties.sender()));
        mime.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(message.getRecipient(), true));
        mime.setSubject(message.getSubject(), UTF_8);
        mime.setHeader(CAMPAIGN_HEADER, message.getCampaignId());
        mime.setHeader("List-Unsubscribe", "<" + links.unsubscribeUrl(subject) + ">");
        mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        String html = message.getHtmlBody();
        if (html == null || html.isBlank()) {
            mime.setText(message.getTextBody() == null ? "" : message.getTextBody(), UTF_8);
            return mime;
        }
        var text = new MimeBodyPart();
        text.setText(message.getTextBody() != null ? message.getTextBody() : Jsoup.parse(html).text(), UTF_8);
        var tracked = new MimeBodyPart();
        tracked.setText(trackedHtml.track(html, subject), UTF_8, "html");
        // RFC 2046: the last alternative is the preferred one.
        var alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(tracked);
        mime.setContent(alternative);
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
