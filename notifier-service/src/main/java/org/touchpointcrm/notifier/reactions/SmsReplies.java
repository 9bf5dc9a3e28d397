package org.touchpointcrm.notifier.reactions;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;

/**
 * The touchpoints of an SMS a customer sent us. A reply names its sender by phone only, so the
 * touchpoint carries the phone and segmentation resolves the customer. The event ids come from the
 * gateway's MessageSid, so a webhook delivered twice counts once.
 */
final class SmsReplies {

    /** What a STOP withdraws: SMS consent for marketing, the purpose campaigns are sent under by default. */
    static final String STOP_PURPOSE = "marketing";

    private SmsReplies() {
    }

    static TouchpointEvent reply(String messageSid, String fromPhone, String text, Instant at) {
        return event(messageSid, TouchpointType.SMS_REPLY, fromPhone, at).setText(text).build();
    }

    static TouchpointEvent stop(String messageSid, String fromPhone, Instant at) {
        return event(messageSid, TouchpointType.UNSUBSCRIBED, fromPhone, at).setConsentPurpose(STOP_PURPOSE).build();
    }

    private static TouchpointEvent.Builder event(String messageSid, TouchpointType type, String fromPhone, Instant at) {
        return TouchpointEvent.newBuilder()
                .setEventId("notifier-sms-" + messageSid + "-" + type.name().toLowerCase(Locale.ROOT))
                .setOccurredAt(at)
                .setChannel(Channel.SMS)
                .setType(type)
                .setCustomer(CustomerIdentifiers.newBuilder().setPhone(fromPhone).build())
                .setSource(FeedbackTouchpoints.SOURCE)
                .setAttributes(Map.of());
    }
}
