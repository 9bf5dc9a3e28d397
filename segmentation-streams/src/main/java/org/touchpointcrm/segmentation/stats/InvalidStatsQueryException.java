package org.touchpointcrm.segmentation.stats;

/** A query parameter of a stats request that cannot be used; names the parameter and what to send. */
public class InvalidStatsQueryException extends RuntimeException {

    private final String parameter;

    public InvalidStatsQueryException(String parameter, String reason) {
        super(reason);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
