package org.touchpointcrm.notifier.templates;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The two ways a campaign template is compiled: with HTML escaping for an e-mail's HTML body, without
 * for plain text (the e-mail's text part, its subject, an SMS). Logic-less Mustache: a template reads
 * values and repeats over lists, and can call nothing. A value the profile does not have renders empty
 * (every name is checked against the schema when the campaign is written, so only optional values are
 * ever missing).
 */
final class TemplateEngine {

    private static final Mustache.Compiler HTML = Mustache.compiler().defaultValue("").emptyStringIsFalse(true)
            .escapeHTML(true);
    private static final Mustache.Compiler TEXT = HTML.escapeHTML(false);

    private TemplateEngine() {
    }

    /** @throws com.samskivert.mustache.MustacheException when the text is no valid template */
    static Template compile(String text, boolean html) {
        return (html ? HTML : TEXT).compile(text);
    }
}
