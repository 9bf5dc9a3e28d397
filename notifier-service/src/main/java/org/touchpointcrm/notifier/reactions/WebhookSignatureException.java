package org.touchpointcrm.notifier.reactions;

import org.touchpointcrm.notifier.sms.SmsWebhooks;

/** A webhook call without a valid X-Twilio-Signature: refused with 403, nothing recorded. */
public class WebhookSignatureException extends RuntimeException {

    public WebhookSignatureException(String url) {
        super(SmsWebhooks.SIGNATURE_HEADER + " is missing or does not match " + url + " and the form signed with the"
                + " gateway's auth token; check crm.notifier.sms.auth-token and that the gateway calls exactly"
                + " crm.notifier.links.base-url plus the webhook path");
    }
}
