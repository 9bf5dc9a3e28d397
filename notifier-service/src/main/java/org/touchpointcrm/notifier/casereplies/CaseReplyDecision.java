package org.touchpointcrm.notifier.casereplies;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.notifier.campaigns.ChannelChoice;
import org.touchpointcrm.notifier.campaigns.DecisionProperties;
import org.touchpointcrm.notifier.campaigns.QuietHours;
import org.touchpointcrm.notifier.campaigns.SuppressionReason;

import com.samskivert.mustache.Mustache;

/**
 * Whether and how one customer who raised a case is told its reply, without Kafka: by e-mail, else SMS, only with
 * the customer's consent for the {@value #PURPOSE} purpose on that channel (a reply is service, not marketing, so the
 * marketing consent and the campaigns' caps do not apply), in the customer's language, and outside their quiet hours.
 */
public final class CaseReplyDecision {

    /** The campaign id the replies are filed under on crm.campaign-messages (delivery, ledger, reactions). */
    public static final String CAMPAIGN_ID = "case-replies";
    /** The consent purpose a reply needs. */
    public static final String PURPOSE = "service";
    private static final List<Channel> CHANNELS = List.of(Channel.EMAIL, Channel.SMS);

    private final CaseReplyProperties templates;
    private final QuietHours quietHours;
    private final ZoneId defaultTimeZone;

    public CaseReplyDecision(CaseReplyProperties templates, DecisionProperties decisions) {
        this.templates = templates;
        this.quietHours = decisions.quietHours().quietHours();
        this.defaultTimeZone = decisions.defaultTimeZone();
    }

    /** The customers a change of a case owes its reply: each raiser once, when it became ACTED_ON or DECLINED. */
    public static Set<String> owedTo(CaseEvent event) {
        var customers = new LinkedHashSet<String>();
        if (event.getChange() == CaseChange.STATUS_CHANGED
                && (event.getTo() == CaseStatus.ACTED_ON || event.getTo() == CaseStatus.DECLINED)) {
            event.getSnapshot().getRaisers().stream().map(CaseRaiser::getCustomerId).forEach(customers::add);
        }
        return customers;
    }

    /** @param profile the customer's profile as the notifier holds it, or null when it has none */
    public CampaignMessage decide(CaseEvent event, String customerId, CustomerProfile profile, Instant now) {
        var message = CampaignMessage.newBuilder()
                .setMessageId(messageId(event.getCaseId(), customerId))
                .setCampaignId(CAMPAIGN_ID)
                .setCustomerId(customerId)
                .setChannel(CHANNELS.getFirst())
                .setSegmentId(event.getCaseId())
                .setProfileVersion(profile == null ? 0 : profile.getVersion())
                .setConsentPurpose(PURPOSE)
                .setDecidedAt(now);
        if (profile == null) {
            return message.setDecision(CampaignDecision.SUPPRESS).setSuppressionReason(SuppressionReason.NO_ADDRESS.name())
                    .build();
        }
        ChannelChoice choice = ChannelChoice.of(CHANNELS, PURPOSE, profile);
        message.setChannel(choice.channel());
        if (!choice.chosen()) {
            return message.setDecision(CampaignDecision.SUPPRESS).setSuppressionReason(choice.reason().name()).build();
        }
        String language = profile.getMaster() == null ? null : profile.getMaster().getLanguage();
        CaseReplyProperties.Template template = templates.template(language);
        String topic = event.getSnapshot().getTopic();
        Map<String, String> values = Map.of("reply", String.valueOf(event.getSnapshot().getReply()),
                "topic", topic == null ? "" : topic);
        var compiler = Mustache.compiler().escapeHTML(false).defaultValue("");
        return message.setDecision(CampaignDecision.SEND)
                .setRecipient(choice.recipient())
                .setLanguage(templates.languageOf(language))
                .setSubject(choice.channel() == Channel.EMAIL ? compiler.compile(template.subject()).execute(values) : null)
                .setTextBody(compiler.compile(template.text()).execute(values))
                .setSendAt(quietHours.nextAllowed(now, timeZone(profile)))
                .build();
    }

    /** The same case and customer always give the same send id: told once, however often it is decided. */
    public static String messageId(String caseId, String customerId) {
        return UUID.nameUUIDFromBytes(("case-reply\n" + caseId + "\n" + customerId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private ZoneId timeZone(CustomerProfile profile) {
        String zone = profile.getMaster() == null ? null : profile.getMaster().getTimeZone();
        try {
            return zone == null || zone.isBlank() ? defaultTimeZone : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return defaultTimeZone;
        }
    }
}
