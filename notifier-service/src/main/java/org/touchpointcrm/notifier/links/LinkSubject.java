package org.touchpointcrm.notifier.links;

import java.time.Instant;

import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

/**
 * Whom a link in a message is about: everything a reaction touchpoint needs, carried in the signed
 * link itself, so that answering a click needs no lookup.
 *
 * @param sentAt when the message was handed over, or null where unknown: an unsubscribe withdraws the consent
 *               the message was sent under, never one given after it (docs/campaigns.md, "Unsubscribe links")
 */
public record LinkSubject(String sendId, String customerId, String campaignId, Channel channel, String consentPurpose,
                          Instant sentAt) {

    public LinkSubject(String sendId, String customerId, String campaignId, Channel channel, String consentPurpose) {
        this(sendId, customerId, campaignId, channel, consentPurpose, null);
    }

    public static LinkSubject of(CampaignMessage message) {
        return new LinkSubject(message.getMessageId(), message.getCustomerId(), message.getCampaignId(),
                message.getChannel(), message.getConsentPurpose());
    }

    /** The subject of the links in a message handed over at {@code at}. */
    public LinkSubject withSentAt(Instant at) {
        return new LinkSubject(sendId, customerId, campaignId, channel, consentPurpose, at);
    }
}
