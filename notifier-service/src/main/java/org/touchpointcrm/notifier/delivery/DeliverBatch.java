package org.touchpointcrm.notifier.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.touchpointcrm.avro.CampaignMessage;

/**
 * Delivers a poll's worth of decisions with many in flight: one virtual thread per customer, which delivers that
 * customer's messages one after the other in offset order (a customer's messages keep their order; different
 * customers' do not wait for each other), at most {@code inFlight} deliveries at a time. The ledger's and the
 * touchpoints' writes of the deliveries in flight go out together in the producer's batches.
 * <p>
 * A record that could not be settled (the broker did not acknowledge its ledger entry) stops its customer's
 * chain; once the others are done, the batch fails at the lowest such record, so the listener commits what came
 * before it and takes the rest up again: what was settled meanwhile is skipped then by the ledger.
 */
public class DeliverBatch {

    private final DeliverCampaignMessage delivery;
    private final Semaphore inFlight;
    private final Deserializer<CampaignMessage> messages;

    public DeliverBatch(DeliverCampaignMessage delivery, int inFlight, Deserializer<CampaignMessage> messages) {
        this.delivery = delivery;
        this.inFlight = new Semaphore(inFlight);
        this.messages = messages;
    }

    /**
     * Records as read, bytes: each is read here, so that a dead letter keeps the bytes it came with.
     *
     * @throws BatchListenerFailedException at the first record that is not a CampaignMessage, caused by its
     *         {@link SerializationException}: the container's error handler logs and passes it (no decision the
     *         notifier wrote) and delivers the rest
     */
    public void deliverRead(List<ConsumerRecord<String, byte[]>> read) {
        var records = new ArrayList<ConsumerRecord<String, CampaignMessage>>(read.size());
        for (int i = 0; i < read.size(); i++) {
            ConsumerRecord<String, byte[]> r = read.get(i);
            CampaignMessage message;
            try {
                message = r.value() == null ? null : messages.deserialize(r.topic(), r.headers(), r.value());
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException("record " + r.topic() + "/" + r.partition() + "/" + r.offset()
                        + " is not a CampaignMessage: " + e.getMessage(), e, i);
            }
            records.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.timestamp(), r.timestampType(),
                    r.serializedKeySize(), r.serializedValueSize(), r.key(), message, r.headers(), r.leaderEpoch()));
        }
        deliver(records, read.stream().map(ConsumerRecord::value).toList());
    }

    public void deliver(List<ConsumerRecord<String, CampaignMessage>> records) {
        deliver(records, null);
    }

    private void deliver(List<ConsumerRecord<String, CampaignMessage>> records, List<byte[]> originals) {
        Map<String, List<Integer>> byCustomer = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byCustomer.computeIfAbsent(String.valueOf(records.get(i).key()), key -> new ArrayList<>()).add(i);
        }
        var failures = new ConcurrentSkipListMap<Integer, RuntimeException>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Integer> chain : byCustomer.values()) {
                threads.execute(() -> {
                    for (int index : chain) {
                        inFlight.acquireUninterruptibly();
                        try {
                            delivery.deliver(records.get(index), originals == null ? null : originals.get(index));
                        } catch (RuntimeException e) {
                            failures.put(index, e);
                            return;
                        } finally {
                            inFlight.release();
                        }
                    }
                });
            }
        }
        if (!failures.isEmpty()) {
            var first = failures.firstEntry();
            throw new BatchListenerFailedException("record " + first.getKey() + " of the batch was not settled: "
                    + first.getValue().getMessage(), first.getValue(), first.getKey());
        }
    }
}
