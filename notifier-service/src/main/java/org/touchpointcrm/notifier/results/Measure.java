package org.touchpointcrm.notifier.results;

/** What is counted of a campaign; each once per message (or, for CUSTOMERS and CONVERTED, per customer). */
public enum Measure {
    DECIDED, CUSTOMERS, SUPPRESSED, SENT, DELIVERED, FAILED, OPENED, CLICKED, UNSUBSCRIBED, CONVERTED
}
