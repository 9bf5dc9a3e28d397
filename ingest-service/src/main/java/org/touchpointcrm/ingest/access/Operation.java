package org.touchpointcrm.ingest.access;

/** What an API key may do. Touchpoints are further limited to the key's channels. */
public enum Operation {
    /** Send touchpoints of the key's channels (except consent). */
    TOUCHPOINTS_WRITE,
    /** Send CONSENT_GIVEN / CONSENT_WITHDRAWN touchpoints of the key's channels. */
    CONSENT_WRITE,
    /** Upsert and import customer master data. */
    CUSTOMERS_WRITE,
    /** Read a customer back. */
    CUSTOMERS_READ,
    /** File an erasure request for a customer. */
    CUSTOMERS_ERASE
}
