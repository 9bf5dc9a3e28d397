package org.touchpointcrm.notifier.results;

import org.apache.kafka.streams.state.HostInfo;

/** The campaign's tally is kept by another instance, at {@link #owner()}: the request is passed on to it. */
public class ResultsKeptElsewhereException extends RuntimeException {

    private final transient HostInfo owner;

    public ResultsKeptElsewhereException(String campaignId, HostInfo owner) {
        super("The results of campaign '" + campaignId + "' are kept by another instance of the notifier");
        this.owner = owner;
    }

    public HostInfo owner() {
        return owner;
    }
}
