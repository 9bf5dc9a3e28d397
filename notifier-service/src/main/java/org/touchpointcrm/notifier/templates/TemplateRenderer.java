package org.touchpointcrm.notifier.templates;

import java.util.Map;

import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * Renders a campaign's template over a profile: the HTML body with its values HTML-escaped, the subject
 * and the text body (or the SMS) as they are, each within the bounds of {@link TemplateEngine}. Compiles on
 * every call: templates are small, and a cache would have to follow every campaign version.
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
                subject == null ? null : render("subject", subject, false, context),
                htmlBody == null ? null : render("htmlBody", htmlBody, true, context),
                render("textBody", textBody, false, context));
    }

    /** @throws RenderLimitException naming the part when it goes past a bound of {@link TemplateEngine} */
    private static String render(String part, String text, boolean html, Map<String, Object> context) {
        try {
            return TemplateEngine.render(TemplateEngine.compile(text, html), context);
        } catch (RenderLimitException e) {
            throw e.in(part);
        }
    }
}
