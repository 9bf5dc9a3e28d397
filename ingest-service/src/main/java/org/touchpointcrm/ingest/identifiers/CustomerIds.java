package org.touchpointcrm.ingest.identifiers;

import java.util.List;

import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.ingest.input.FieldViolation;

/**
 * What a customer id may be, wherever it enters (the register's PUT and import, a touchpoint's
 * {@code customer.customerId}): at most {@value #MAX_LENGTH} characters, no whitespace, no control
 * character, no '/' and no ':'.
 */
public final class CustomerIds {

    public static final int MAX_LENGTH = 128;

    private CustomerIds() {
    }

    /**
     * @param raw a present (non-blank) id
     * @return the stripped id, or null with a violation naming the field
     */
    public static String check(String field, String raw, List<FieldViolation> violations) {
        String id = raw.strip();
        if (id.length() > MAX_LENGTH) {
            violations.add(new FieldViolation(field, "is " + id.length() + " characters long; at most "
                    + MAX_LENGTH + " are allowed"));
            return null;
        }
        // '/' cannot travel in the PUT's path; ':' marks identifier kinds in touchpoint keys (email:...),
        // so a customer id containing it could collide with a customer known only by an address.
        if (id.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == ':')
                || BoundedText.controlCharacterAt(id) >= 0) {
            violations.add(new FieldViolation(field, BoundedText.quote(raw) + " contains whitespace, '/', ':' or a control "
                    + "character; use letters, digits and signs such as - _ . only"));
            return null;
        }
        return id;
    }
}
