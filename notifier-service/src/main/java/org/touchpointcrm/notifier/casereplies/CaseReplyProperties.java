package org.touchpointcrm.notifier.casereplies;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * The message that tells a customer what became of their suggestion or complaint ({@code crm.notifier.case-replies},
 * docs/cases.md): one template per language; {@code {{reply}}} prints staff's reply, {@code {{topic}}} the case's
 * topic (empty when none). Values are printed as they are: the templates are the operators', the reply is staff's.
 *
 * @param defaultLanguage used when there is no template in the customer's language; it must have one
 */
@Validated
@ConfigurationProperties("crm.notifier.case-replies")
public record CaseReplyProperties(@NotBlank String defaultLanguage, @NotEmpty Map<String, Template> templates) {

    /** An e-mail's subject and body; the body is the SMS too. */
    public record Template(@NotBlank String subject, @NotBlank String text) {
    }

    /** notifier.yml's defaults, for tests and tools. */
    public static final CaseReplyProperties DEFAULTS = new CaseReplyProperties("fi", Map.of(
            "fi", new Template("Vastaus ehdotukseesi", "Kiitos, että kerroit meille. {{reply}}"),
            "sv", new Template("Svar på ditt förslag", "Tack för att du berättade för oss. {{reply}}"),
            "en", new Template("About your suggestion", "Thank you for telling us. {{reply}}")));

    public CaseReplyProperties {
        if (templates != null && defaultLanguage != null && !templates.containsKey(defaultLanguage)) {
            throw new IllegalArgumentException("crm.notifier.case-replies.templates has no template in the default"
                    + " language '" + defaultLanguage + "'; add one, or change crm.notifier.case-replies.default-language");
        }
    }

    Template template(String language) {
        return language != null && templates.containsKey(language) ? templates.get(language) : templates.get(defaultLanguage);
    }

    String languageOf(String language) {
        return language != null && templates.containsKey(language) ? language : defaultLanguage;
    }
}
