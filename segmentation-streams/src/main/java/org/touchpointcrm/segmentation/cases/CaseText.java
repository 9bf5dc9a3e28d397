package org.touchpointcrm.segmentation.cases;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The normalised-text match that helps staff group cases (docs/cases.md, Grouping): two texts match when they are
 * equal after Unicode NFKC, lower case, every run of characters that are not letters or digits turned into one space,
 * and the ends trimmed. "Gluten-free bread!" and "gluten free  bread" match; "Could you sell gluten-free bread?" does
 * not, and staff group it by hand. Deliberately plain: a fuzzy match would group what staff did not mean to.
 */
public final class CaseText {

    /** Longer texts are compared on their first this many characters, after normalising. */
    public static final int MAX_MATCH_KEY = 200;

    private CaseText() {
    }

    public static String matchKey(String text) {
        if (text == null) {
            return "";
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
        return normal.length() > MAX_MATCH_KEY ? normal.substring(0, MAX_MATCH_KEY).strip() : normal;
    }
}
