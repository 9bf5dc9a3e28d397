package org.touchpointcrm.ingest.customers;

/**
 * The Finnish business id (Y-tunnus): seven digits, a hyphen and a check digit, e.g. 0112038-9.
 * The check digit is computed as the Finnish Patent and Registration Office (PRH) defines it, so that
 * a mistyped digit is refused at the door instead of splitting one company into two.
 */
final class FinnishBusinessId {

    static final String EXAMPLE = "0112038-9";
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2};

    private FinnishBusinessId() {
    }

    /** Whether {@code id} is written as NNNNNNN-C; says nothing of the check digit. */
    static boolean isWellFormed(String id) {
        if (id.length() != 9 || id.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 9; i++) {
            if (i != 7 && !isAsciiDigit(id.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether a well-formed id's check digit matches its seven digits. */
    static boolean hasValidCheckDigit(String id) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (id.charAt(i) - '0') * WEIGHTS[i];
        }
        int remainder = sum % 11;
        // PRH never issues numbers whose remainder is 1: no check digit exists for them.
        if (remainder == 1) {
            return false;
        }
        int check = remainder == 0 ? 0 : 11 - remainder;
        return id.charAt(8) - '0' == check;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
