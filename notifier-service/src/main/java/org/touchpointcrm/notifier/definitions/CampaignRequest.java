package org.touchpointcrm.notifier.definitions;

import java.time.Instant;
import java.util.List;

import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.SegmentChangeKind;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A campaign as a marketer sends it. The version, owner and times are never taken from the caller.
 *
 * @param id     kebab-case, unique for good (an ended campaign keeps it); taken from the path on PUT
 * @param status DRAFT (the default on create) never sends; ACTIVE sends; PAUSED stops for now; ENDED is
 *               for good; unchanged on PUT when absent
 */
public record CampaignRequest(
        @Schema(example = "welcome-new") String id,
        @Schema(example = "Welcome to new customers") String name,
        @Schema(example = "Three days after the first purchase") String description,
        @Schema(example = "DRAFT", allowableValues = {"DRAFT", "ACTIVE", "PAUSED", "ENDED"}) CampaignStatus status,
        Trigger trigger,
        @Schema(example = "has(profile.master) && profile.master.country == \"FI\"") String audience,
        @Schema(example = "[\"EMAIL\", \"SMS\"]") List<Channel> channels,
        @Schema(example = "marketing") String consentPurpose,
        @Schema(example = "fi") String defaultLanguage,
        List<Template> templates,
        Instant startAt,
        Instant endAt,
        Cap frequencyCap,
        @Schema(example = "10") Integer holdoutPercent) {

    /**
     * @param delay ISO-8601 duration after the change, e.g. P3D or PT12H; absent for at once
     */
    public record Trigger(@Schema(example = "new") String segmentId,
                          @Schema(example = "ENTERED") SegmentChangeKind change,
                          @Schema(example = "P3D") String delay) {
    }

    /** One channel's text in one language; for SMS only {@code textBody}. */
    public record Template(@Schema(example = "EMAIL") Channel channel,
                           @Schema(example = "fi") String language,
                           @Schema(example = "Tervetuloa, {{profile.master.firstName}}!") String subject,
                           @Schema(example = "<p>Hei {{profile.master.firstName}},</p>") String htmlBody,
                           @Schema(example = "Hei {{profile.master.firstName}},") String textBody) {
    }

    /** At most {@code maxMessages} of this campaign per customer within any {@code period} (ISO-8601, e.g. P30D). */
    public record Cap(@Schema(example = "1") Integer maxMessages, @Schema(example = "P30D") String period) {
    }
}
