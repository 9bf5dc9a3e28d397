package org.touchpointcrm.schemas;

/** A topic's cleanup policy, as Kafka spells it in {@code cleanup.policy}. */
public enum Cleanup {
    /** Event streams: records expire after the topic's retention. */
    DELETE("delete"),
    /** Tables: the newest record per key is kept for ever. */
    COMPACT("compact");

    private final String policy;

    Cleanup(String policy) {
        this.policy = policy;
    }

    public String policy() {
        return policy;
    }
}
