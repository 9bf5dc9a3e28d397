package org.touchpointcrm.segmentation.query;

/**
 * A query that cannot be answered now but will be shortly: Kafka Streams is not running yet,
 * rebalancing, or the owner of the key is moving. Answered 503 with Retry-After, never a 404.
 */
public class StoreUnavailableException extends RuntimeException {

    private final String title;

    /**
     * @param title what is unavailable, e.g. "Profiles are not available yet"
     * @param why   the reason, for the problem's detail
     */
    public StoreUnavailableException(String title, String why) {
        super(why);
        this.title = title;
    }

    public String title() {
        return title;
    }
}
