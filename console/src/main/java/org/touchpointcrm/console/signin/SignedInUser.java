package org.touchpointcrm.console.signin;

import java.io.Serializable;

/**
 * The session's principal: the key the user signed in with (kept in the server-side session only, never in a
 * cookie or a page), a short label to show (the key's last four characters), and what it may do.
 */
public record SignedInUser(String apiKey, String label, Scopes scopes) implements Serializable {

    static SignedInUser of(String apiKey, Scopes scopes) {
        String tail = apiKey.length() > 4 ? apiKey.substring(apiKey.length() - 4) : "";
        return new SignedInUser(apiKey, "…" + tail, scopes);
    }

    @Override
    public String toString() {
        return "SignedInUser[" + label + "]";
    }
}
