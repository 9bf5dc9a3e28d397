package org.touchpointcrm.notifier.campaigns;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.FrequencyCap;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.notifier.templates.RenderLimitException;
import org.touchpointcrm.notifier.templates.RenderedMessage;
import org.touchpointcrm.notifier.templates.TemplateRenderer;

/**
 * Whether one campaign that a segment change triggered is sent to the customer, and if so on which channel,
 * in which words and from when. The checks run in the order of {@link SuppressionReason}; the first that
 * applies is the reason. A SEND whose moment falls in the customer's quiet hours gets a later sendAt.
 * No Kafka here: the caller keeps the send history and writes the message when sendAt is due.
 */
public final class SendDecision {

    private final AudienceRules audiences;
    private final DecisionProperties.GlobalCap globalCap;
    private final QuietHours quietHours;
    private final ZoneId defaultTimeZone;

    public SendDecision(AudienceRules audiences, DecisionProperties properties) {
        this.audiences = audiences;
        this.globalCap = properties.globalCap();
        this.quietHours = properties.quietHours().quietHours();
        this.defaultTimeZone = properties.defaultTimeZone();
    }

    /**
     * @param profile the customer's profile at (or after) the change's profile version
     * @param history this app's earlier SEND decisions for the customer
     */
    public CampaignMessage decide(CampaignDefinition campaign, SegmentChange change, CustomerProfile profile,
                                  SendHistory history, Instant now) {
        var message = CampaignMessage.newBuilder()
                .setMessageId(messageId(campaign.getId(), change))
                .setCampaignId(campaign.getId())
                .setCustomerId(change.getCustomerId())
                .setChannel(campaign.getChannels().getFirst())
                .setSegmentId(change.getSegmentId())
                .setProfileVersion(change.getProfileVersion())
                .setConsentPurpose(campaign.getConsentPurpose())
                .setDecidedAt(now);
        if (!audiences.includes(campaign, profile, now)) {
            return suppressed(message, SuppressionReason.NOT_IN_AUDIENCE);
        }
        if (!isActive(campaign, now)) {
            return suppressed(message, SuppressionReason.CAMPAIGN_INACTIVE);
        }
        if (ControlGroup.isHeldOut(campaign.getId(), change.getCustomerId(), campaign.getHoldoutPercent())) {
            return suppressed(message, SuppressionReason.CONTROL_GROUP);
        }
        ChannelChoice choice = ChannelChoice.of(campaign.getChannels(), campaign.getConsentPurpose(), profile);
        message.setChannel(choice.channel());
        if (!choice.chosen()) {
            return suppressed(message, choice.reason());
        }
        if (history.within(globalCap.period(), now) >= globalCap.maxMessages()) {
            return suppressed(message, SuppressionReason.GLOBAL_CAP);
        }
        FrequencyCap cap = campaign.getFrequencyCap();
        if (cap != null && history.within(campaign.getId(), Duration.parse(cap.getPeriod()), now) >= cap.getMaxMessages()) {
            return suppressed(message, SuppressionReason.CAMPAIGN_CAP);
        }
        CampaignTemplate template = template(campaign, choice.channel(), language(profile));
        RenderedMessage rendered;
        try {
            rendered = TemplateRenderer.render(template, profile);
        } catch (RenderLimitException e) {
            return suppressed(message, SuppressionReason.TEMPLATE_NOT_RENDERED);
        }
        return message.setDecision(CampaignDecision.SEND)
                .setRecipient(choice.recipient())
                .setLanguage(template.getLanguage())
                .setSubject(rendered.subject())
                .setHtmlBody(rendered.htmlBody())
                .setTextBody(rendered.textBody())
                .setSendAt(quietHours.nextAllowed(now, timeZone(profile)))
                .build();
    }

    /** ACTIVE, and now within [startAt, endAt). */
    static boolean isActive(CampaignDefinition campaign, Instant now) {
        return campaign.getStatus() == CampaignStatus.ACTIVE
                && (campaign.getStartAt() == null || !now.isBefore(campaign.getStartAt()))
                && (campaign.getEndAt() == null || now.isBefore(campaign.getEndAt()));
    }

    /** The longest period any cap counts back: how long the send history must remember a send. */
    public Duration longestCapPeriod(Iterable<CampaignDefinition> campaigns) {
        Duration longest = globalCap.period();
        for (CampaignDefinition campaign : campaigns) {
            if (campaign.getFrequencyCap() != null) {
                Duration period = Duration.parse(campaign.getFrequencyCap().getPeriod());
                longest = period.compareTo(longest) > 0 ? period : longest;
            }
        }
        return longest;
    }

    /**
     * The same campaign and the same segment change always give the same id, so a decision made again
     * after a crash is recognisably the same message: the send id.
     */
    public static String messageId(String campaignId, SegmentChange change) {
        String identity = String.join("\n", campaignId, change.getCustomerId(), change.getSegmentId(),
                Integer.toString(change.getSegmentVersion()), change.getKind().name(),
                Long.toString(change.getProfileVersion()));
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static CampaignMessage suppressed(CampaignMessage.Builder message, SuppressionReason reason) {
        return message.setDecision(CampaignDecision.SUPPRESS).setSuppressionReason(reason.name()).build();
    }

    private static String language(CustomerProfile profile) {
        return profile.getMaster() == null ? null : profile.getMaster().getLanguage();
    }

    /** The customer's language if the channel has a template in it, else the campaign's default language. */
    private static CampaignTemplate template(CampaignDefinition campaign, Channel channel, String language) {
        return find(campaign, channel, language)
                .or(() -> find(campaign, channel, campaign.getDefaultLanguage()))
                .orElseThrow(() -> new IllegalStateException("Campaign '" + campaign.getId() + "' v" + campaign.getVersion()
                        + " has no " + channel + " template in its default language '" + campaign.getDefaultLanguage()
                        + "', though the API requires one; add it with PUT /v1/campaigns/" + campaign.getId()));
    }

    private static Optional<CampaignTemplate> find(CampaignDefinition campaign, Channel channel, String language) {
        return campaign.getTemplates().stream()
                .filter(t -> t.getChannel() == channel && t.getLanguage().equalsIgnoreCase(String.valueOf(language)))
                .findFirst();
    }

    /** The register's time zone of the customer, else the configured default (also for a zone Java does not know). */
    private ZoneId timeZone(CustomerProfile profile) {
        String zone = profile.getMaster() == null ? null : profile.getMaster().getTimeZone();
        if (zone == null || zone.isBlank()) {
            return defaultTimeZone;
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return defaultTimeZone;
        }
    }
}
