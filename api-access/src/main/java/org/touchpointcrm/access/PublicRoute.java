package org.touchpointcrm.access;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A route anyone may call without a key, and why that is safe: its own proof (a signed link, a
 * gateway's signature) stands in for a key.
 *
 * @param method  the method; HEAD is asked as GET
 * @param pattern the path pattern as the controller maps it
 * @param why     why it is public, for the docs and the reviewer
 */
public record PublicRoute(HttpMethod method, PathPattern pattern, String why) {

    public static PublicRoute get(String pattern, String why) {
        return new PublicRoute(HttpMethod.GET, PathPatternParser.defaultInstance.parse(pattern), why);
    }

    public static PublicRoute post(String pattern, String why) {
        return new PublicRoute(HttpMethod.POST, PathPatternParser.defaultInstance.parse(pattern), why);
    }

    boolean matches(HttpMethod asked, PathContainer path) {
        return method.equals(asked) && pattern.matches(path);
    }

    @Override
    public String toString() {
        return method + " " + pattern.getPatternString();
    }
}
