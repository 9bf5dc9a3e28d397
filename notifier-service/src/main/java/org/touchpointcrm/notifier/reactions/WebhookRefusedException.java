package org.touchpointcrm.notifier.reactions;

/** A signed webhook call whose form cannot be used (400). */
public class WebhookRefusedException extends RuntimeException {

    public WebhookRefusedException(String message) {
        super(message);
    }
}
