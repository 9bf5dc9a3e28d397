package org.touchpointcrm.access.identifiers;

import java.util.Locale;

import org.touchpointcrm.access.input.BoundedText;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The identifiers customers are matched by, normalised the same way wherever they enter: e-mail
 * addresses checked by Jakarta Mail's RFC 822 parser, trimmed, the domain lower-cased; phone numbers
 * parsed by libphonenumber and written in E.164. Touchpoints and the customer register share it, so
 * the same customer's identifiers are equal byte for byte whichever way they came in.
 */
public final class IdentifierNormaliser {

    /** Shown in every phone error: the form to write. */
    public static final String E164_EXAMPLE = "+358401234567";
    /** RFC 5321's limit of a forward path. */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** E.164 has at most 15 digits; this leaves room for spaces, dashes and a national prefix. */
    public static final int MAX_PHONE_LENGTH = 32;

    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    /** @param defaultRegion ISO 3166 region for phone numbers written without a country code */
    public IdentifierNormaliser(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public Normalised email(String raw) {
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_EMAIL_LENGTH) {
            return new Invalid("is " + trimmed.length() + " characters long; an e-mail address has at most "
                    + MAX_EMAIL_LENGTH);
        }
        InternetAddress address;
        try {
            address = new InternetAddress(trimmed, true);
            address.validate();
        } catch (AddressException e) {
            return new Invalid(BoundedText.quote(raw) + " is not an e-mail address (" + e.getMessage() + ")");
        }
        // RFC 822 also takes a group ("team: a@x, b@y;", even an empty one), which is no mailbox.
        int at = trimmed.lastIndexOf('@');
        if (address.isGroup() || at < 1) {
            return new Invalid(BoundedText.quote(raw) + " is not an e-mail address (a group or a name without"
                    + " '@domain'); write one mailbox, e.g. aino.virtanen@example.fi");
        }
        // The local part may be case-sensitive (RFC 5321); the domain never is.
        return new Valid(trimmed.substring(0, at) + "@" + trimmed.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** A number without a country code is read as one of the default region. */
    public Normalised phone(String raw) {
        return phone(raw, defaultRegion);
    }

    /** @param region ISO 3166 region a number without a country code belongs to, e.g. the customer's country */
    public Normalised phone(String raw, String region) {
        if (raw.strip().length() > MAX_PHONE_LENGTH) {
            return new Invalid("is " + raw.strip().length() + " characters long; write a phone number in E.164, e.g. "
                    + E164_EXAMPLE);
        }
        try {
            var number = phones.parse(raw, region);
            if (!phones.isValidNumber(number)) {
                return new Invalid(BoundedText.quote(raw) + " is not a valid phone number; write it in E.164, e.g. " + E164_EXAMPLE);
            }
            return new Valid(phones.format(number, PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return new Invalid(BoundedText.quote(raw) + " is not a phone number (" + e.getMessage() + "); write it in E.164, e.g. "
                    + E164_EXAMPLE);
        }
    }

    /** The outcome: the normalised identifier, or why it was refused (the caller names the field). */
    public sealed interface Normalised permits Valid, Invalid {
    }

    public record Valid(String value) implements Normalised {
    }

    public record Invalid(String reason) implements Normalised {
    }
}
