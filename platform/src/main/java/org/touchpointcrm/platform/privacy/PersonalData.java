package org.touchpointcrm.platform.privacy;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a text fit for a log line, a failure text or a dead-letter header: e-mail addresses, phone numbers
 * and identifier-shaped customer ids ({@code email:…}, {@code phone:…}, {@code card:…}) are replaced by what
 * kind of datum stood there, and line breaks and other control characters by visible escapes, so a value
 * cannot start a forged log line. For texts we do not write ourselves: an SMTP server's answer quotes the
 * recipient, a gateway's the number. Texts we write name send ids and event ids instead (docs/security.md,
 * Personal data in logs).
 */
public final class PersonalData {

    /** The customer reference's kinds (CustomerReference): the value after the colon is the identifier itself. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\b(email|phone|card):[^\\s'\"<>;,)\\]]+");
    private static final Pattern EMAIL = Pattern.compile("[^\\s'\"<>()\\[\\],;:@]+@[^\\s'\"<>()\\[\\],;:@]+");
    /** E.164 as the notifier sends and gateways quote it, with the separators people write. */
    private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d \\-().]{5,20}\\d");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\u2028\\u2029&&[^\\t]]");

    private PersonalData() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = IDENTIFIER.matcher(text).replaceAll("$1:[redacted]");
        redacted = EMAIL.matcher(redacted).replaceAll("[e-mail address]");
        redacted = PHONE.matcher(redacted).replaceAll("[phone number]");
        return CONTROL.matcher(redacted).replaceAll(PersonalData::escape);
    }

    /**
     * {@link #redact(String)}, and first every occurrence of a value known to be personal, such as the recipient
     * of the message a failure is about, in whatever form the provider quoted it (a number not in E.164).
     */
    public static String redact(String text, String known) {
        if (text == null || known == null || known.isBlank()) {
            return redact(text);
        }
        return redact(text.replace(known.strip(), "[recipient]"));
    }

    private static String escape(MatchResult control) {
        char c = control.group().charAt(0);
        return switch (c) {
            case '\n' -> "\\\\n";
            case '\r' -> "\\\\r";
            default -> Matcher.quoteReplacement(String.format("\\u%04x", (int) c));
        };
    }
}
