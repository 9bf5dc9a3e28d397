package org.touchpointcrm.notifier.links;

import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;

/**
 * Whom a link in a message is about: everything a reaction touchpoint needs, carried in the signed
 * link itself, so that answering a click needs no lookup.
 */
public record LinkSubject(String sendId, String customerId, String campaignId, Channel channel, String consentPurpose) {

    public static LinkSubject of(CampaignMessage message) {
        return new LinkSubject(message.getMessageId(), message.getCustomerId(), message.getCampaignId(),
                message.getChannel(), message.getConsentPurpose());
    }
}
