package org.touchpointcrm.console.signin;

import java.util.List;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * Signs a user in with an API key: the key is good when at least one service knows it. The console keeps
 * no users of its own; the key's scopes are what the services answer ({@link ScopeProbe}).
 */
@Component
public class KeyAuthenticationProvider implements AuthenticationProvider {

    /** Longer than any key a service mints (docs/ingest.md: 64 hex characters), and bounded before use. */
    static final int MAX_KEY_LENGTH = 256;

    private final ScopeProbe probe;

    public KeyAuthenticationProvider(ScopeProbe probe) {
        this.probe = probe;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String key = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString().strip();
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new BadCredentialsException("not an API key");
        }
        Scopes scopes = probe.scopesOf(key);
        if (!scopes.any()) {
            throw new BadCredentialsException("no service knows this key");
        }
        var user = SignedInUser.of(key, scopes);
        var token = new UsernamePasswordAuthenticationToken(user, null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
        token.setDetails(authentication.getDetails());
        return token;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
