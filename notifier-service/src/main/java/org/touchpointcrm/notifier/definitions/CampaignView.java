package org.touchpointcrm.notifier.definitions;

import java.time.Instant;
import java.util.List;

import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.definitions.CampaignRequest.Cap;
import org.touchpointcrm.notifier.definitions.CampaignRequest.Template;
import org.touchpointcrm.notifier.definitions.CampaignRequest.Trigger;

/** A campaign as the API shows it: the Avro record field by field, in the request's shape. */
public record CampaignView(String id, String name, String description, String owner, long version,
                           CampaignStatus status, Trigger trigger, String audience, List<Channel> channels,
                           String consentPurpose, String defaultLanguage, List<Template> templates, Instant startAt,
                           Instant endAt, Cap frequencyCap, int holdoutPercent, Instant createdAt, Instant changedAt) {

    public static CampaignView of(CampaignDefinition c) {
        var trigger = c.getTrigger();
        var cap = c.getFrequencyCap();
        return new CampaignView(c.getId(), c.getName(), c.getDescription(), c.getOwner(), c.getVersion(), c.getStatus(),
                new Trigger(trigger.getSegmentId(), trigger.getChange(), trigger.getDelay()), c.getAudience(),
                List.copyOf(c.getChannels()), c.getConsentPurpose(), c.getDefaultLanguage(),
                c.getTemplates().stream().map(t -> new Template(t.getChannel(), t.getLanguage(), t.getSubject(),
                        t.getHtmlBody(), t.getTextBody())).toList(),
                c.getStartAt(), c.getEndAt(), cap == null ? null : new Cap(cap.getMaxMessages(), cap.getPeriod()),
                c.getHoldoutPercent(), c.getCreatedAt(), c.getChangedAt());
    }
}
