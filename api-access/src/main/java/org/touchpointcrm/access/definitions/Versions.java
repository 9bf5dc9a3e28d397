package org.touchpointcrm.access.definitions;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.springframework.http.HttpHeaders;

/**
 * A definition's version is its ETag; a write sends it back as If-Match to be sure nobody changed the
 * definition meanwhile.
 */
public final class Versions {

    private Versions() {
    }

    /** The strong ETag of a version, e.g. {@code "3"}. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * If-Match: "3" (or 3, or W/"3"); anything else is refused rather than ignored.
     *
     * @param parse     the version's type as the record keeps it, e.g. {@code Integer::valueOf}: a number
     *                  it cannot hold is refused like any other
     * @param violation the service's record of a wrong field, given the header's name and the reason
     * @return the version, or null when the header is absent or blank
     * @throws DefinitionRefusedException (400) naming the header
     */
    public static <N extends Number> N ifMatch(String header, Function<String, N> parse,
                                               BiFunction<String, String, ? extends Violation> violation) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String bare = header.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return parse.apply(bare);
        } catch (NumberFormatException e) {
            throw DefinitionRefusedException.fields(List.of(
                    violation.apply(HttpHeaders.IF_MATCH, "must be the version from the ETag, e.g. \"3\"; was " + header)));
        }
    }
}
