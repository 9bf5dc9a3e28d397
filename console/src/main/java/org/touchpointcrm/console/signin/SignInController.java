package org.touchpointcrm.console.signin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security takes the form's POST and the sign-out. */
@Controller
public class SignInController {

    @GetMapping(ConsoleSecurity.SIGN_IN)
    String signIn() {
        return "signin";
    }
}
