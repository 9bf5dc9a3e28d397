package org.touchpointcrm.notifier.templates;

/**
 * A template went past a bound of rendering ({@link TemplateEngine}): sections nested too deep, too
 * much output, or too long a time. Nothing of the rendering is used.
 */
public class RenderLimitException extends RuntimeException {

    private final String part;

    RenderLimitException(String part, String message) {
        super(message, null, false, false);
        this.part = part;
    }

    /** Which text it was: subject, htmlBody or textBody. */
    public String part() {
        return part;
    }

    RenderLimitException in(String part) {
        return new RenderLimitException(part, getMessage());
    }
}
