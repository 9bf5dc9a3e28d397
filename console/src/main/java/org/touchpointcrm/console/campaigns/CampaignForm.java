package org.touchpointcrm.console.campaigns;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The campaign form as it posts (fields bound directly), and its translation to and from the notifier's JSON
 * (docs/campaigns.md). Templates are fixed slots: e-mail in Finnish and English, SMS in Finnish and English;
 * an empty slot is left out. Dates are typed in UTC. Nothing is checked here: the notifier checks and its
 * problems are shown as they come.
 */
public class CampaignForm {

    public String id = "";
    public String name = "";
    public String description = "";
    public String triggerSegment = "";
    public String triggerChange = "ENTERED";
    public String triggerDelay = "";
    public String audience = "";
    public boolean channelEmail = true;
    public boolean channelSms;
    public String consentPurpose = "marketing";
    public String defaultLanguage = "fi";
    public String emailFiSubject = "";
    public String emailFiHtml = "";
    public String emailFiText = "";
    public String emailEnSubject = "";
    public String emailEnHtml = "";
    public String emailEnText = "";
    public String smsFiText = "";
    public String smsEnText = "";
    public String startAt = "";
    public String endAt = "";
    public String capMax = "";
    public String capPeriod = "";
    public String holdoutPercent = "10";
    public String status = "DRAFT";
    public String version;

    /** The notifier's campaign JSON; {@code withId} for a create, without for a PUT. */
    Map<String, Object> body(boolean withId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (withId) {
            body.put("id", id.strip());
        }
        body.put("name", name);
        putText(body, "description", description);
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("segmentId", triggerSegment.strip());
        trigger.put("change", triggerChange);
        putText(trigger, "delay", triggerDelay);
        body.put("trigger", trigger);
        putText(body, "audience", audience);
        List<String> channels = new ArrayList<>();
        if (channelEmail) {
            channels.add("EMAIL");
        }
        if (channelSms) {
            channels.add("SMS");
        }
        body.put("channels", channels);
        putText(body, "consentPurpose", consentPurpose);
        body.put("defaultLanguage", defaultLanguage);
        List<Map<String, Object>> templates = new ArrayList<>();
        email(templates, "fi", emailFiSubject, emailFiHtml, emailFiText);
        email(templates, "en", emailEnSubject, emailEnHtml, emailEnText);
        sms(templates, "fi", smsFiText);
        sms(templates, "en", smsEnText);
        body.put("templates", templates);
        body.put("startAt", instant(startAt));
        body.put("endAt", instant(endAt));
        if (!capMax.isBlank() || !capPeriod.isBlank()) {
            body.put("frequencyCap", Map.of("maxMessages", number(capMax), "period", capPeriod.strip()));
        }
        body.put("holdoutPercent", number(holdoutPercent));
        body.put("status", status);
        return body;
    }

    /** One template slot, as {@code :render} takes it. */
    Map<String, Object> template(String slot) {
        return switch (slot) {
            case "EMAIL/en" -> emailTemplate("en", emailEnSubject, emailEnHtml, emailEnText);
            case "SMS/fi" -> Map.of("channel", "SMS", "language", "fi", "textBody", smsFiText);
            case "SMS/en" -> Map.of("channel", "SMS", "language", "en", "textBody", smsEnText);
            default -> emailTemplate("fi", emailFiSubject, emailFiHtml, emailFiText);
        };
    }

    @SuppressWarnings("unchecked")
    static CampaignForm of(Map<String, Object> campaign, String etag) {
        var form = new CampaignForm();
        form.id = text(campaign.get("id"));
        form.name = text(campaign.get("name"));
        form.description = text(campaign.get("description"));
        Map<String, Object> trigger = (Map<String, Object>) campaign.getOrDefault("trigger", Map.of());
        form.triggerSegment = text(trigger.get("segmentId"));
        form.triggerChange = text(trigger.get("change"));
        form.triggerDelay = text(trigger.get("delay"));
        form.audience = text(campaign.get("audience"));
        List<Object> channels = (List<Object>) campaign.getOrDefault("channels", List.of());
        form.channelEmail = channels.contains("EMAIL");
        form.channelSms = channels.contains("SMS");
        form.consentPurpose = text(campaign.get("consentPurpose"));
        form.defaultLanguage = text(campaign.get("defaultLanguage"));
        for (Map<String, Object> t : (List<Map<String, Object>>) campaign.getOrDefault("templates", List.of())) {
            String slot = t.get("channel") + "/" + t.get("language");
            switch (slot) {
                case "EMAIL/fi" -> {
                    form.emailFiSubject = text(t.get("subject"));
                    form.emailFiHtml = text(t.get("htmlBody"));
                    form.emailFiText = text(t.get("textBody"));
                }
                case "EMAIL/en" -> {
                    form.emailEnSubject = text(t.get("subject"));
                    form.emailEnHtml = text(t.get("htmlBody"));
                    form.emailEnText = text(t.get("textBody"));
                }
                case "SMS/fi" -> form.smsFiText = text(t.get("textBody"));
                case "SMS/en" -> form.smsEnText = text(t.get("textBody"));
                default -> {
                    // a language the form has no slot for: kept by the notifier only if sent back; the page says so
                }
            }
        }
        form.startAt = local(campaign.get("startAt"));
        form.endAt = local(campaign.get("endAt"));
        Map<String, Object> cap = (Map<String, Object>) campaign.get("frequencyCap");
        if (cap != null) {
            form.capMax = text(cap.get("maxMessages"));
            form.capPeriod = text(cap.get("period"));
        }
        form.holdoutPercent = text(campaign.get("holdoutPercent"));
        form.status = text(campaign.get("status"));
        form.version = etag;
        return form;
    }

    private static Map<String, Object> emailTemplate(String language, String subject, String html, String text) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("channel", "EMAIL");
        template.put("language", language);
        template.put("subject", subject);
        putText(template, "htmlBody", html);
        putText(template, "textBody", text);
        return template;
    }

    private static void email(List<Map<String, Object>> templates, String language, String subject, String html, String text) {
        if (!subject.isBlank() || !html.isBlank() || !text.isBlank()) {
            templates.add(emailTemplate(language, subject, html, text));
        }
    }

    private static void sms(List<Map<String, Object>> templates, String language, String text) {
        if (!text.isBlank()) {
            templates.add(Map.of("channel", "SMS", "language", language, "textBody", text));
        }
    }

    private static void putText(Map<String, Object> map, String field, String value) {
        if (value != null && !value.isBlank()) {
            map.put(field, value);
        }
    }

    /** A datetime-local value read as UTC; anything else is passed on for the notifier to name. */
    private static Object instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return value.strip();
        }
    }

    private static String local(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return LocalDateTime.ofInstant(Instant.parse(instant.toString()), ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return instant.toString();
        }
    }

    private static Object number(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return value.strip();
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    // Getters for the templates (Thymeleaf reads properties); the binder sets the fields directly.
    public String getId() { return id; }
    public String getName() { return name; }
    public String getDescription() { return description; }
    public String getTriggerSegment() { return triggerSegment; }
    public String getTriggerChange() { return triggerChange; }
    public String getTriggerDelay() { return triggerDelay; }
    public String getAudience() { return audience; }
    public boolean isChannelEmail() { return channelEmail; }
    public boolean isChannelSms() { return channelSms; }
    public String getConsentPurpose() { return consentPurpose; }
    public String getDefaultLanguage() { return defaultLanguage; }
    public String getEmailFiSubject() { return emailFiSubject; }
    public String getEmailFiHtml() { return emailFiHtml; }
    public String getEmailFiText() { return emailFiText; }
    public String getEmailEnSubject() { return emailEnSubject; }
    public String getEmailEnHtml() { return emailEnHtml; }
    public String getEmailEnText() { return emailEnText; }
    public String getSmsFiText() { return smsFiText; }
    public String getSmsEnText() { return smsEnText; }
    public String getStartAt() { return startAt; }
    public String getEndAt() { return endAt; }
    public String getCapMax() { return capMax; }
    public String getCapPeriod() { return capPeriod; }
    public String getHoldoutPercent() { return holdoutPercent; }
    public String getStatus() { return status; }
    public String getVersion() { return version; }
}
