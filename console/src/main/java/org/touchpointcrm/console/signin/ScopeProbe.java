package org.touchpointcrm.console.signin;

import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.touchpointcrm.console.apis.ApiProblem;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;

/**
 * Learns what a key may do by asking each service a question that changes nothing, once at sign-in. The
 * services' key filter answers 401 for a key it does not know and 403 for a route the key's scopes do not
 * cover, before any controller reads the request (docs/security.md, Routes and scopes); any other answer
 * means the key may use the route. Write scopes are asked through the validate routes with an empty body,
 * which a key that may write is refused with 400 or 422 and nothing is stored.
 *
 * <p>Why no "who am I" route: each service configures its own keys (a key may be a marketer on
 * segmentation and unknown to ingest), so a single answer would need all three services to grow a route;
 * asking the routes themselves gives exactly what each service enforces, with no change to them.
 */
@Component
public class ScopeProbe {

    private static final String PROBE_ID = "console-scope-probe";

    private final ServiceApis apis;

    public ScopeProbe(ServiceApis apis) {
        this.apis = apis;
    }

    public Scopes scopesOf(String key) {
        return new Scopes(
                allowed(key, Service.SEGMENTATION, HttpMethod.GET, "/v1/segment-definitions/" + PROBE_ID),
                allowed(key, Service.SEGMENTATION, HttpMethod.POST, "/v1/segment-definitions:validate"),
                allowed(key, Service.SEGMENTATION, HttpMethod.GET, "/v1/customers/" + PROBE_ID + "/profile"),
                allowed(key, Service.NOTIFIER, HttpMethod.GET, "/v1/campaigns/" + PROBE_ID),
                allowed(key, Service.NOTIFIER, HttpMethod.POST, "/v1/campaigns:validate"),
                allowed(key, Service.INGEST, HttpMethod.GET, "/v1/customers/" + PROBE_ID));
    }

    private boolean allowed(String key, Service service, HttpMethod method, String path) {
        try {
            apis.exchange(key, service, method, uri -> uri.path(path).build(),
                    method == HttpMethod.POST ? Map.of() : null, null);
            return true;
        } catch (ApiProblem problem) {
            return switch (problem.status()) {
                case 401, 403 -> false;
                // unreachable, or overloaded: the scope cannot be told; offer nothing the service may refuse
                case 503, 429 -> false;
                default -> true;
            };
        }
    }
}
