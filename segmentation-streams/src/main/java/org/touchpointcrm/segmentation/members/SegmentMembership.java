package org.touchpointcrm.segmentation.members;

import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorSupplier;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;

/**
 * Who is in each segment, per task: {@value #STORE} holds a key per (segment, member) with the instant
 * the member entered, kept from the segment changes on the customer's own partition (so in the task,
 * and the transaction, that decided them). A segment's members on a partition are then one prefix
 * range of the store, in customerId order, which is what makes a stable cursor possible.
 */
public final class SegmentMembership {

    /** {@link #key} to the member's entry instant (epoch millis). */
    public static final String STORE = "segment-members";

    private SegmentMembership() {
    }

    /**
     * The length of the segment id first, so that no segment's prefix is the start of another's
     * ({@code 5:loyal} can only be followed by a customer id of "loyal").
     */
    public static String prefix(String segmentId) {
        return segmentId.length() + ":" + segmentId;
    }

    public static String key(String segmentId, String customerId) {
        return prefix(segmentId) + customerId;
    }

    /** @param changes the segment changes as written to crm.segment-changes, keyed by customer */
    public static void addTo(KStream<String, SegmentChange> changes) {
        StoreBuilder<KeyValueStore<String, Long>> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.Long()).withCachingEnabled();
        changes.processValues(new FixedKeyProcessorSupplier<String, SegmentChange, Void>() {
            @Override
            public FixedKeyProcessor<String, SegmentChange, Void> get() {
                return new RecordMembership();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(store);
            }
        }, Named.as("record-segment-members"));
    }

    private static final class RecordMembership implements FixedKeyProcessor<String, SegmentChange, Void> {

        private KeyValueStore<String, Long> members;

        @Override
        public void init(FixedKeyProcessorContext<String, Void> context) {
            members = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, SegmentChange> record) {
            SegmentChange change = record.value();
            String key = key(change.getSegmentId(), change.getCustomerId());
            if (change.getKind() == SegmentChangeKind.ENTERED) {
                members.put(key, change.getChangedAt().toEpochMilli());
            } else {
                members.delete(key);
            }
        }
    }
}
