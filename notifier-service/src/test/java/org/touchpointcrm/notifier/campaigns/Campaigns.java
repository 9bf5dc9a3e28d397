package org.touchpointcrm.notifier.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.CustomerProfiles;

/** Test fixtures of the decisions: a stored campaign, profiles with addresses and consents, segment changes. */
public final class Campaigns {

    /** Monday noon in Helsinki (UTC+2 in November): outside the default quiet hours. */
    public static final Instant NOON = Instant.parse("2026-11-23T10:00:00Z");

    /** The defaults of notifier.yml. */
    public static final DecisionProperties DEFAULTS = new DecisionProperties(
            new DecisionProperties.GlobalCap(3, Duration.ofDays(7)),
            new DecisionProperties.QuietHoursWindow("21:00", "08:00"),
            ZoneId.of("Europe/Helsinki"), Duration.ofSeconds(30));

    private Campaigns() {
    }

    /** thank-you: ACTIVE, entering purchasers, EMAIL else SMS, consent purpose marketing, fi and en templates. */
    public static CampaignDefinition.Builder thankYou() {
        return campaign("thank-you");
    }

    public static CampaignDefinition.Builder campaign(String id) {
        return CampaignDefinition.newBuilder().setId(id).setName("Thank you").setOwner("marketer").setVersion(1)
                .setStatus(CampaignStatus.ACTIVE)
                .setTrigger(CampaignTrigger.newBuilder().setSegmentId("purchasers").setChange(SegmentChangeKind.ENTERED).build())
                .setChannels(List.of(Channel.EMAIL, Channel.SMS)).setConsentPurpose("marketing").setDefaultLanguage("fi")
                .setTemplates(List.of(
                        template(Channel.EMAIL, "fi", "Kiitos {{profile.master.firstName}}!", "<p>Kiitos ostoksestasi.</p>",
                                "Kiitos ostoksestasi."),
                        template(Channel.EMAIL, "en", "Thank you {{profile.master.firstName}}!", "<p>Thank you.</p>",
                                "Thank you."),
                        template(Channel.SMS, "fi", null, null, "Kiitos ostoksestasi!")))
                .setCreatedAt(NOON).setChangedAt(NOON);
    }

    private static CampaignTemplate template(Channel channel, String language, String subject, String html, String text) {
        return CampaignTemplate.newBuilder().setChannel(channel).setLanguage(language).setSubject(subject)
                .setHtmlBody(html).setTextBody(text).build();
    }

    /** A profile with an e-mail address and consent to EMAIL/marketing, in Finnish. */
    public static CustomerProfile profile(String customerId, long version, String email) {
        CustomerProfile profile = CustomerProfiles.empty(customerId, NOON);
        profile.setVersion(version);
        profile.setEmail(email);
        profile.setFirstSeenAt(NOON);
        profile.setLastSeenAt(NOON);
        profile.getPurchases().setCount(1L);
        profile.setSegments(new ArrayList<>(List.of("purchasers")));
        profile.setMaster(MasterData.newBuilder().setFirstName("Aino").setLanguage("fi").setUpdatedAt(NOON).build());
        consent(profile, Channel.EMAIL, "marketing", true);
        return profile;
    }

    public static CustomerProfile consent(CustomerProfile profile, Channel channel, String purpose, boolean granted) {
        profile.getConsents().put(channel.name() + "/" + purpose, Consent.newBuilder().setChannel(channel)
                .setPurpose(purpose).setGranted(granted).setAt(NOON).setEventId("consent-" + channel).build());
        return profile;
    }

    public static CustomerProfile inTimeZone(CustomerProfile profile, String zone) {
        profile.getMaster().setTimeZone(zone);
        return profile;
    }

    public static SegmentChange entered(String customerId, String segmentId, long profileVersion) {
        return SegmentChange.newBuilder().setCustomerId(customerId).setSegmentId(segmentId).setSegmentVersion(1)
                .setKind(SegmentChangeKind.ENTERED).setChangedAt(NOON)
                .setTriggeringEventId("e-" + profileVersion).setProfileVersion(profileVersion).build();
    }
}
