package org.touchpointcrm.notifier.reactions;

import org.touchpointcrm.avro.TouchpointEvent;

/** The broker did not take a reaction in time: the caller is answered 503 so that it asks again. */
public class ReactionNotRecordedException extends RuntimeException {

    public ReactionNotRecordedException(TouchpointEvent event, Throwable cause) {
        super(event.getType() + " " + event.getEventId() + " could not be written to the touchpoint topic ("
                + cause + "); nothing was recorded, ask again in a moment", cause);
    }
}
