package org.touchpointcrm.console.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** A page the signed-in key may not use is refused as the service would refuse it: 403, with the error page. */
public final class Scoped {

    private Scoped() {
    }

    public static void require(boolean allowed) {
        if (!allowed) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "your API key may not use this page");
        }
    }
}
