package org.touchpointcrm.notifier.feedback;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.schemas.Topics;

/**
 * Closes the loop: what became of a campaign message (sent, bounced) and how the customer reacted
 * (opened, clicked, unsubscribed, replied) goes back to crm.touchpoints.email / .sms as a touchpoint,
 * keyed by the customer, so that the profile's engagement and consent follow.
 */
@Component
public class FeedbackTouchpoints {

    /** The touchpoints' {@code source}: the channel system that reports them. */
    public static final String SOURCE = "notifier-service";
    /** Attribute naming the campaign of the message reacted to. */
    public static final String CAMPAIGN_ATTRIBUTE = "campaign";

    private final KafkaTemplate<String, SpecificRecord> kafka;

    public FeedbackTouchpoints(KafkaTemplate<String, SpecificRecord> kafka) {
        this.kafka = kafka;
    }

    /**
     * A touchpoint about one message. The event id is derived from the send id and {@code what}, so a
     * reaction reported twice (a pixel loaded twice, an outcome written again after a crash) is counted once.
     *
     * @param what        distinguishes events of one type about the same message, e.g. a clicked URL; "" if none
     * @param attributes  more attributes besides the campaign (e.g. url, reason)
     */
    public static TouchpointEvent about(LinkSubject subject, TouchpointType type, String what, Instant at,
            Map<String, String> attributes) {
        var all = new HashMap<>(attributes);
        all.put(CAMPAIGN_ATTRIBUTE, subject.campaignId());
        return TouchpointEvent.newBuilder()
                .setEventId(eventId(subject.sendId(), type, what))
                .setOccurredAt(at)
                .setChannel(subject.channel())
                .setType(type)
                .setCustomer(CustomerIdentifiers.newBuilder().setCustomerId(subject.customerId()).build())
                .setSource(SOURCE)
                .setMessageId(subject.sendId())
                .setConsentPurpose(type == TouchpointType.UNSUBSCRIBED ? subject.consentPurpose() : null)
                .setMessageSentAt(type == TouchpointType.UNSUBSCRIBED ? subject.sentAt() : null)
                .setAttributes(Map.copyOf(all))
                .build();
    }

    /** Sends the touchpoint to its channel's topic; the future completes once the broker has it. */
    public CompletableFuture<SendResult<String, SpecificRecord>> record(TouchpointEvent event) {
        Channel channel = event.getChannel();
        return kafka.send(Topics.touchpoints(channel).name(), event.getCustomer().getCustomerId(), event);
    }

    static String eventId(String sendId, TouchpointType type, String what) {
        String suffix = what == null || what.isEmpty() ? "" : "-" + Integer.toHexString(what.hashCode());
        return "notifier-" + sendId + "-" + type.name().toLowerCase(Locale.ROOT) + suffix;
    }
}
