package org.touchpointcrm.console.web;

import java.util.Locale;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.touchpointcrm.console.signin.Scopes;
import org.touchpointcrm.console.signin.SignedInUser;

import jakarta.servlet.http.HttpServletRequest;

/** What every page template may ask: who is signed in, what the key may do, the page's language. */
@ControllerAdvice
public class CurrentUser {

    /** The signed-in user of this request; the security filter lets no other request reach a controller. */
    public static SignedInUser get() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser user) {
            return user;
        }
        throw new IllegalStateException("no signed-in user");
    }

    public static String key() {
        return get().apiKey();
    }

    @ModelAttribute("user")
    SignedInUser user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInUser user ? user : null;
    }

    @ModelAttribute("can")
    Scopes can() {
        SignedInUser user = user();
        return user == null ? new Scopes(false, false, false, false, false, false) : user.scopes();
    }

    @ModelAttribute("lang")
    String lang(HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        return "fi".equals(locale.getLanguage()) ? "fi" : "en";
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
