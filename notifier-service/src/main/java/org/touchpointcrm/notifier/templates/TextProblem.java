package org.touchpointcrm.notifier.templates;

/**
 * One reason a marketer's text was refused: which text (a template part such as
 * {@code templates[EMAIL/fi].subject}, or {@code audience}), where in it (1-based line and column; 0 when
 * the problem is the text as a whole) and what is wrong.
 */
public record TextProblem(String part, int line, int column, String message) {

    @Override
    public String toString() {
        return part + (line > 0 ? ", line " + line + ", column " + column : "") + ": " + message;
    }
}
