package org.touchpointcrm.notifier.results;

/** The two groups a campaign's results compare. */
public enum Group {
    /** Customers the campaign decided to send to (SEND decisions). */
    TREATED,
    /** Customers held out (SUPPRESS with CONTROL_GROUP): what happens without the campaign. */
    CONTROL
}
