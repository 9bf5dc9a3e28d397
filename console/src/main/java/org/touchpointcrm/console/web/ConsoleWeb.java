package org.touchpointcrm.console.web;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Finnish and English: {@code ?lang=fi} or {@code ?lang=en} on any page switches, and a cookie keeps the
 * choice; without one, the browser's Accept-Language decides between the two (English otherwise).
 */
@Configuration
public class ConsoleWeb implements WebMvcConfigurer {

    public static final Locale FINNISH = Locale.of("fi");

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver("CONSOLE_LANG");
        resolver.setDefaultLocaleFunction(request -> {
            Locale asked = request.getLocale();
            return asked != null && "fi".equals(asked.getLanguage()) ? FINNISH : Locale.ENGLISH;
        });
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieSameSite("Strict");
        resolver.setCookieHttpOnly(true);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        var change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
