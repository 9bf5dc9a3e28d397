package org.touchpointcrm.notifier.results;

/** The campaign's tally cannot be read here now (starting, rebalancing, or kept by another instance): 503. */
public class ResultsUnavailableException extends RuntimeException {

    public ResultsUnavailableException(String message) {
        super(message);
    }
}
