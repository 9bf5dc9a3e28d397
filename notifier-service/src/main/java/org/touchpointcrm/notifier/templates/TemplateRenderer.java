package org.touchpointcrm.notifier.templates;

import java.util.Map;

import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * Renders a campaign's template over a profile: the HTML body with its values HTML-escaped, the subject
 * and the text body (or the SMS) as they are. Compiles on every call: templates are small, and a
 * cache would have to follow every campaign version.
 */
public final class TemplateRenderer {

    private TemplateRenderer() {
    }

    public static RenderedMessage render(CampaignTemplate template, CustomerProfile profile) {
        return render(template.getSubject(), template.getHtmlBody(), template.getTextBody(), ProfileModel.of(profile));
    }

    /**
     * @param subject  null for an SMS
     * @param htmlBody null for an SMS
     * @param context  {@code {"profile": {...}}}, e.g. a sample profile sent for a preview
     */
    public static RenderedMessage render(String subject, String htmlBody, String textBody, Map<String, Object> context) {
        return new RenderedMessage(
                subject == null ? null : TemplateEngine.compile(subject, false).execute(context),
                htmlBody == null ? null : TemplateEngine.compile(htmlBody, true).execute(context),
                TemplateEngine.compile(textBody, false).execute(context));
    }
}
