package org.touchpointcrm.notifier.templates;

import java.io.Writer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;

/**
 * The two ways a campaign template is compiled: with HTML escaping for an e-mail's HTML body, without
 * for plain text (the e-mail's text part, its subject, an SMS). Logic-less Mustache: a template reads
 * values and repeats over lists, and can call nothing. A value the profile does not have renders empty
 * (every name is checked against the schema when the campaign is written, so only optional values are
 * ever missing).
 *
 * <p>Rendering is bounded, so that no template and no profile can make a decision costly: sections
 * nest at most {@value #MAX_SECTION_DEPTH} deep, one text renders to at most {@value #MAX_OUTPUT_CHARS}
 * characters, within {@link #MAX_RENDER_TIME}. Past a bound, {@link RenderLimitException}.
 */
final class TemplateEngine {

    static final int MAX_SECTION_DEPTH = 8;
    static final int MAX_OUTPUT_CHARS = 1_000_000;
    static final Duration MAX_RENDER_TIME = Duration.ofSeconds(1);
    /** A section's opening ({{#x}}, {{^x}}) or closing ({{/x}}) tag. */
    static final Pattern SECTION_TAG = Pattern.compile("\\{\\{\\s*([#^/])");

    private static final Mustache.Compiler HTML = Mustache.compiler().defaultValue("").emptyStringIsFalse(true)
            .escapeHTML(true);
    private static final Mustache.Compiler TEXT = HTML.escapeHTML(false);

    private TemplateEngine() {
    }

    /**
     * @throws com.samskivert.mustache.MustacheException when the text is no valid template
     * @throws RenderLimitException when its sections nest deeper than {@value #MAX_SECTION_DEPTH}
     */
    static Template compile(String text, boolean html) {
        int depth = deepestSection(text);
        if (depth > MAX_SECTION_DEPTH) {
            throw new RenderLimitException(null, "sections are nested " + depth + " deep; at most "
                    + MAX_SECTION_DEPTH + " are allowed");
        }
        return (html ? HTML : TEXT).compile(text);
    }

    /** The template over the context, within the bounds of output and time. */
    static String render(Template template, Object context) {
        var out = new BoundedWriter(System.nanoTime() + MAX_RENDER_TIME.toNanos());
        template.execute(context, out);
        return out.toString();
    }

    /** How deep sections nest in the text, counting its tags (a template never changes its delimiters). */
    static int deepestSection(String text) {
        int depth = 0;
        int deepest = 0;
        Matcher tag = SECTION_TAG.matcher(text);
        while (tag.find()) {
            depth += "/".equals(tag.group(1)) ? -1 : 1;
            deepest = Math.max(deepest, depth);
        }
        return deepest;
    }

    /** Collects the output and stops the rendering once it is too long or too late. */
    private static final class BoundedWriter extends Writer {

        private final StringBuilder out = new StringBuilder();
        private final long deadline;

        BoundedWriter(long deadline) {
            this.deadline = deadline;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            if (out.length() + length > MAX_OUTPUT_CHARS) {
                throw new RenderLimitException(null, "renders to more than " + MAX_OUTPUT_CHARS + " characters");
            }
            if (System.nanoTime() - deadline > 0) {
                throw new RenderLimitException(null, "took longer than " + MAX_RENDER_TIME.toMillis() + " ms to render");
            }
            out.append(buffer, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
