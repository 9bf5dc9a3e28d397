package org.touchpointcrm.access.input;

import java.util.Optional;

/**
 * The rules every identifier and free text of a request follows: bounded in length, free of control
 * characters (a line break in a name forges a log line or a mail header; a NUL or an escape sequence
 * has no business in a CRM), and quoted back in an error by a short prefix only.
 */
public final class BoundedText {

    /** The most characters of a bad value an error quotes back. */
    public static final int QUOTE_LENGTH = 40;

    private BoundedText() {
    }

    /**
     * Why the value is refused, worded to follow the field's name ("customerId is 300 characters long..."),
     * or empty when it is fine. Null is fine: whether a field is required is the caller's rule.
     */
    public static Optional<String> problem(String value, int maxLength) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            return Optional.of("is " + value.length() + " characters long; at most " + maxLength + " are allowed");
        }
        int at = controlCharacterAt(value);
        if (at >= 0) {
            return Optional.of("contains a line break or another control character (U+"
                    + String.format("%04X", (int) value.charAt(at)) + " at position " + (at + 1)
                    + "); write it on one line without control characters");
        }
        return Optional.empty();
    }

    /** A free text that may run over several lines (feedback, a description): line breaks and tabs allowed. */
    public static Optional<String> multiLineProblem(String value, int maxLength) {
        return problem(value == null ? null : value.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), maxLength);
    }

    /** Where the first control character is (C0, DEL, C1, line and paragraph separators), or -1. */
    public static int controlCharacterAt(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value as an error may quote it: in single quotes, at most {@value #QUOTE_LENGTH} characters of
     * it, and how long it was when it was cut; control characters shown as '?'.
     */
    public static String quote(String value) {
        if (value == null) {
            return "nothing";
        }
        String head = value.length() <= QUOTE_LENGTH ? value : value.substring(0, QUOTE_LENGTH);
        StringBuilder quoted = new StringBuilder(head.length() + 32).append('\'');
        head.chars().forEach(c -> quoted.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : (char) c));
        quoted.append('\'');
        if (value.length() > QUOTE_LENGTH) {
            quoted.insert(quoted.length() - 1, '…').append(" (").append(value.length()).append(" characters)");
        }
        return quoted.toString();
    }
}
