package org.touchpointcrm.console.customers;

import java.util.Locale;

/**
 * Turns what the user typed into the key segmentation-streams keeps a profile under: a register id as it is,
 * else the prefixed identifier a touchpoint named the customer by ({@code email:}, {@code phone:},
 * {@code card:}; docs/segmentation.md, identity). Only the cheap part of ingest's normalisation is repeated
 * (trimming, the e-mail's domain in lower case, a phone's separators and a Finnish leading 0); the
 * profile query answers 404 for anything else, and the page says so.
 */
public final class CustomerReferences {

    public enum Kind {
        ID, EMAIL, PHONE, CARD
    }

    static final int MAX_LENGTH = 200;

    private CustomerReferences() {
    }

    public static String keyOf(Kind kind, String typed) {
        String value = typed == null ? "" : typed.strip();
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("search.invalid");
        }
        return switch (kind) {
            case ID -> value;
            case EMAIL -> {
                int at = value.lastIndexOf('@');
                if (at <= 0 || at == value.length() - 1) {
                    throw new IllegalArgumentException("search.invalidEmail");
                }
                yield "email:" + value.substring(0, at) + "@" + value.substring(at + 1).toLowerCase(Locale.ROOT);
            }
            case PHONE -> {
                String digits = value.replaceAll("[\\s().-]", "");
                if (digits.startsWith("00")) {
                    digits = "+" + digits.substring(2);
                } else if (digits.startsWith("0")) {
                    digits = "+358" + digits.substring(1);
                }
                if (!digits.matches("\\+[0-9]{6,15}")) {
                    throw new IllegalArgumentException("search.invalidPhone");
                }
                yield "phone:" + digits;
            }
            case CARD -> "card:" + value;
        };
    }
}
