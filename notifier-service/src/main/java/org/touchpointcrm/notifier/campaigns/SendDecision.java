package org.touchpointcrm.notifier.campaigns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;

/** Which campaigns a segment change starts, and for each whether to send or why not. */
public final class SendDecision {

    /** Reasons a decision is SUPPRESS. */
    public static final String NO_ADDRESS = "NO_ADDRESS";

    private final List<Campaign> campaigns;

    public SendDecision(List<Campaign> campaigns) {
        this.campaigns = List.copyOf(campaigns);
    }

    /** @param profile the customer's profile at (or after) the change's profile version */
    public List<CampaignMessage> decide(SegmentChange change, CustomerProfile profile, Instant now) {
        return campaigns.stream()
                .filter(c -> c.segmentId().equals(change.getSegmentId()) && c.trigger() == change.getKind())
                .map(c -> decide(c, change, profile, now))
                .toList();
    }

    private static CampaignMessage decide(Campaign campaign, SegmentChange change, CustomerProfile profile, Instant now) {
        String recipient = campaign.channel() == Channel.SMS ? profile.getPhone() : profile.getEmail();
        boolean send = recipient != null;
        return CampaignMessage.newBuilder()
                .setMessageId(messageId(campaign, change))
                .setCampaignId(campaign.id())
                .setCustomerId(change.getCustomerId())
                .setChannel(campaign.channel())
                .setDecision(send ? CampaignDecision.SEND : CampaignDecision.SUPPRESS)
                .setSuppressionReason(send ? null : NO_ADDRESS)
                .setRecipient(recipient)
                .setSubject(campaign.subject())
                .setTextBody(campaign.textBody())
                .setSegmentId(change.getSegmentId())
                .setProfileVersion(change.getProfileVersion())
                .setDecidedAt(now)
                .build();
    }

    /**
     * The same campaign and the same segment change always give the same id, so a decision made
     * again after a crash is recognisably the same message: the send id.
     */
    static String messageId(Campaign campaign, SegmentChange change) {
        String identity = String.join("\n", campaign.id(), change.getCustomerId(), change.getSegmentId(),
                Integer.toString(change.getSegmentVersion()), change.getKind().name(),
                Long.toString(change.getProfileVersion()));
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
