package org.touchpointcrm.notifier.results;

import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;

/** Something that became of one message of a campaign, as the results count it. */
record MessageEvent(String sendId, String campaignId, Measure measure) {

    /** The ledger's outcomes: SENT and FAILED (INTENT is no outcome; UNKNOWN and CANCELLED are no sends). */
    static MessageEvent of(Delivery delivery) {
        Measure measure = switch (delivery.getState()) {
            case SENT -> Measure.SENT;
            case FAILED -> Measure.FAILED;
            default -> null;
        };
        return measure == null ? null : new MessageEvent(delivery.getSendId(), delivery.getCampaignId(), measure);
    }

    /** Touchpoints about a message: delivered, bounced (a failure), opened, clicked, unsubscribed. */
    static MessageEvent of(TouchpointEvent event) {
        String campaign = event.getAttributes().get(FeedbackTouchpoints.CAMPAIGN_ATTRIBUTE);
        Measure measure = switch (event.getType()) {
            case MESSAGE_DELIVERED -> Measure.DELIVERED;
            case MESSAGE_BOUNCED -> Measure.FAILED;
            case MESSAGE_OPENED -> Measure.OPENED;
            case MESSAGE_CLICKED -> Measure.CLICKED;
            case UNSUBSCRIBED -> Measure.UNSUBSCRIBED;
            default -> null;
        };
        return measure == null || campaign == null || event.getMessageId() == null ? null
                : new MessageEvent(event.getMessageId(), campaign, measure);
    }
}
