package org.touchpointcrm.schemas;

/**
 * Headers that the services and crmctl set on dead letters and their replays, spelled once (besides Kafka
 * Streams' own {@code __streams.errors.*}).
 */
public final class DeadLetterHeaders {

    /** crmctl's mark on a replayed record: the dead letter it came from, {@code <topic>/<partition>/<offset>}. */
    public static final String REPLAYED_FROM = "crm.replayed-from";

    /**
     * notifier-service's on a dead letter of {@link Topics#DLQ_NOTIFIER}: {@value #PERMANENT} (the provider refused
     * the message for good: its address, its content) or {@code TRANSIENT} (the provider could not take it while the
     * attempts lasted).
     */
    public static final String DELIVERY_FAILURE_KIND = "crm.delivery.failure-kind";

    /** The value of {@link #DELIVERY_FAILURE_KIND} for a refusal for good. */
    public static final String PERMANENT = "PERMANENT";

    private DeadLetterHeaders() {
    }
}
