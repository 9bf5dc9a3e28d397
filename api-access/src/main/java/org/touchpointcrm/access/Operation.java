package org.touchpointcrm.access;

/**
 * What an API key may do, across the services: each service's routes need some of these. Touchpoints
 * are further limited to the key's channels.
 */
public enum Operation {
    /** Send touchpoints of the key's channels (except consent). */
    TOUCHPOINTS_WRITE("send touchpoints"),
    /** Send CONSENT_GIVEN / CONSENT_WITHDRAWN touchpoints of the key's channels. */
    CONSENT_WRITE("send consent changes"),
    /** Upsert and import customer master data. */
    CUSTOMERS_WRITE("write customer master data"),
    /** Read a customer back. */
    CUSTOMERS_READ("read customers"),
    /** File an erasure request for a customer. */
    CUSTOMERS_ERASE("file erasure requests"),
    /**
     * Read a customer's whole profile from segmentation-streams ({@code GET /v1/customers/{id}/profile}):
     * contact data, purchases, consents. Services that read profiles on a customer's behalf hold it too
     * (ingest-service's {@code GET /v1/customers/{id}}, the notifier's consent check), with keys of their own.
     */
    PROFILES_READ("read customer profiles"),
    /**
     * List and read the segment definitions of segmentation-streams, the segments with their sizes and
     * their hourly statistics: what a marketer looks at.
     */
    SEGMENTS_READ("read segments"),
    /**
     * Create, change and retire segment definitions, and validate or preview a rule before it goes
     * live: validating and previewing are steps of writing a definition, so they need this scope,
     * not {@link #SEGMENTS_READ}.
     */
    SEGMENTS_WRITE("change segment definitions"),
    /**
     * List and read the cases of segmentation-streams (customers' suggestions and low ratings, docs/cases.md): what
     * customers wrote, without who they are.
     */
    CASES_READ("read cases"),
    /** Acknowledge, act on or decline a case with a reply for the customers, name its topic, group cases. */
    CASES_WRITE("change cases"),
    /** List and read the campaigns of notifier-service. */
    CAMPAIGNS_READ("read campaigns"),
    /**
     * Create, change and end campaigns, and validate or preview-render one before it is saved: steps of
     * writing a campaign, so they need this scope, not {@link #CAMPAIGNS_READ}.
     */
    CAMPAIGNS_WRITE("change campaigns"),
    /**
     * Answer another instance's part of a query: the key the instances of one service send each other
     * when a query needs a store another instance holds (segmentation's profile query, segment sizes and
     * statistics, a preview's part). Never a person's key: an instance does not pass on its caller's key.
     */
    INSTANCE_QUERIES("answer another instance's part of a query"),
    /**
     * Write, validate or preview a segment or audience rule that reads contact data (e-mail, phone,
     * names): without it a rule could find out whether a given address is a customer's.
     */
    CONTACTS_READ("use contact fields (e-mail, phone, names) in rules");

    private final String description;

    Operation(String description) {
        this.description = description;
    }

    /**
     * What the operation allows, as it reads after "may not" in a refusal. Kept with the operation
     * rather than with a service's routes, so that every service refuses it in the same words.
     */
    public String description() {
        return description;
    }
}
