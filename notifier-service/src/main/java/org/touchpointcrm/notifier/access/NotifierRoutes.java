package org.touchpointcrm.notifier.access;

import static org.touchpointcrm.access.Operation.CAMPAIGNS_READ;
import static org.touchpointcrm.access.Operation.CAMPAIGNS_WRITE;
import static org.touchpointcrm.access.Operation.INSTANCE_QUERIES;

import org.touchpointcrm.access.PublicRoute;
import org.touchpointcrm.access.Routes;
import org.touchpointcrm.notifier.links.SignedLinks;
import org.touchpointcrm.notifier.sms.SmsWebhooks;

/**
 * Every route of notifier-service: the marketers' campaigns, with the operations they need, and the
 * public reactions. A campaign's results are also asked by the instance that received the request of the instance
 * that keeps them (INSTANCE_QUERIES, {@link org.touchpointcrm.notifier.results.ResultsOwners}). Validating and preview-rendering a campaign are steps of writing one, so they need
 * CAMPAIGNS_WRITE. A route not declared here is refused, whatever controller maps it
 * (docs/security.md, Routes and scopes).
 */
public final class NotifierRoutes {

    private static final String SIGNED_LINK = "customers' mail clients and browsers follow it without a key; the"
            + " link's HMAC signature is its proof, and a bad one is answered 404";
    private static final String SIGNED_WEBHOOK = "the SMS gateway calls it without a key; the gateway's"
            + " X-Twilio-Signature over the URL and form is its proof, and a bad one is answered 403";

    public static final Routes ROUTES = Routes.builder()
            .get("/v1/campaigns", CAMPAIGNS_READ)
            .get("/v1/campaigns/{id}", CAMPAIGNS_READ)
            .get("/v1/campaigns/{id}/results", CAMPAIGNS_READ, INSTANCE_QUERIES)
            .post("/v1/campaigns", CAMPAIGNS_WRITE)
            .put("/v1/campaigns/{id}", CAMPAIGNS_WRITE)
            .delete("/v1/campaigns/{id}", CAMPAIGNS_WRITE)
            .post("/v1/campaigns:validate", CAMPAIGNS_WRITE)
            .post("/v1/campaigns:render", CAMPAIGNS_WRITE)
            .open(PublicRoute.get(SignedLinks.OPEN_PATH + "{token}", SIGNED_LINK),
                    PublicRoute.get(SignedLinks.CLICK_PATH + "{token}", SIGNED_LINK),
                    PublicRoute.get(SignedLinks.UNSUBSCRIBE_PATH + "{token}", SIGNED_LINK),
                    PublicRoute.post(SignedLinks.UNSUBSCRIBE_PATH + "{token}", SIGNED_LINK
                            + " (the unsubscribe page's form posts to it)"),
                    PublicRoute.post(SmsWebhooks.STATUS_PATH, SIGNED_WEBHOOK),
                    PublicRoute.post(SmsWebhooks.INBOUND_PATH, SIGNED_WEBHOOK))
            .build();

    private NotifierRoutes() {
    }
}
