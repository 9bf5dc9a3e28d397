package org.touchpointcrm.notifier.reactions;

/** A link token that is not one of ours, or was edited: nothing is recorded and nothing is redirected to. */
public class UnknownLinkException extends RuntimeException {

    public UnknownLinkException(String kind) {
        super("This " + kind + " link is not valid: it was changed or not made by this notifier (its signature does not"
                + " match); open the link exactly as it is in the message");
    }
}
