package org.touchpointcrm.console.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Every page needs a signed-in key, except the sign-in page, the static files and the error page.
 * Spring Security's session (HttpOnly, SameSite=Strict: console.yml), its CSRF token on every form and
 * every htmx request ({@code X-CSRF-TOKEN}, sent by console.js), its sign-out (POST only).
 */
@Configuration
@EnableWebSecurity
public class ConsoleSecurity {

    public static final String SIGN_IN = "/sign-in";

    @Bean
    SecurityFilterChain consoleFilterChain(HttpSecurity http, KeyAuthenticationProvider keys) throws Exception {
        http.authenticationProvider(keys)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/console.css", "/console.js", "/webjars/**", "/error",
                                "/favicon.ico").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage(SIGN_IN)
                        .usernameParameter("apiKey").passwordParameter("apiKey")
                        .defaultSuccessUrl("/", true)
                        .failureUrl(SIGN_IN + "?failed"))
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl(SIGN_IN + "?signedOut")
                        .deleteCookies("CONSOLE_SESSION"))
                .headers(headers -> headers
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
                                        + " frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }
}
