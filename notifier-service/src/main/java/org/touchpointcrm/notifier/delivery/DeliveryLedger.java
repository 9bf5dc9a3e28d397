package org.touchpointcrm.notifier.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.schemas.Topics;

/**
 * The delivery ledger: the state of every send id, from the compacted {@code crm.deliveries}. At start it is
 * read to its end offsets before any message is delivered (this lifecycle's phase is earlier than the listener
 * containers'); then a thread follows it, so that what another instance wrote is known too, and this
 * instance's own writes count as soon as the broker has acknowledged them (acks=all).
 * <p>
 * Memory: one map entry per send id ever written and still in the topic (the id, about 36 characters, and a
 * shared enum constant: roughly 150 bytes with the map's node), so about 150 MB per million sends.
 */
public class DeliveryLedger implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLedger.class);
    /** Before the listener containers (Integer.MAX_VALUE - 100), after nothing in particular. */
    static final int PHASE = 0;
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Supplier<Consumer<String, Delivery>> consumers;
    private final Duration timeout;
    private final Map<String, LedgerEntry> states = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Delivery>> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<Consumer<String, Delivery>> consumer = new AtomicReference<>();
    private final AtomicReference<RuntimeException> loadFailure = new AtomicReference<>();
    private Thread follower;

    public DeliveryLedger(KafkaTemplate<String, SpecificRecord> kafka, Supplier<Consumer<String, Delivery>> consumers,
            Duration timeout) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.timeout = timeout;
    }

    /** The ledger's state of a send id, if it has one. */
    public Optional<DeliveryState> state(String sendId) {
        return entry(sendId).map(LedgerEntry::state);
    }

    /** The ledger's state of a send id and the attempt it belongs to, if it has one. */
    public Optional<LedgerEntry> entry(String sendId) {
        awaitLoaded();
        return Optional.ofNullable(states.get(sendId));
    }

    /** Writes an entry and returns once the broker has acknowledged it; from then on {@link #state} answers it. */
    public void write(Delivery entry) {
        try {
            kafka.send(Topics.DELIVERIES.name(), entry.getSendId(), entry).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LedgerUnavailableException("the broker did not acknowledge " + entry.getState() + " of send "
                    + entry.getSendId() + " in " + Topics.DELIVERIES.name() + " within " + timeout + " (" + e
                    + "); nothing was handed over after it, the message is taken up again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while writing " + entry.getState() + " of send "
                    + entry.getSendId(), e);
        }
        learn(entry);
    }

    /**
     * Hands {@code listener} every entry the ledger learns, read from the topic or written here, so that what
     * else needs the ledger (the SMS send index of the status callbacks) does not read the topic a second time.
     * Register before {@link #start()} to see the entries already in the topic.
     */
    public void onEntry(java.util.function.Consumer<Delivery> listener) {
        listeners.add(listener);
    }

    /** Send ids in the ledger: its memory cost, for the gauge and the report. */
    public int size() {
        return states.size();
    }

    private void learn(Delivery entry) {
        states.merge(entry.getSendId(), LedgerEntry.of(entry), LedgerEntry::newer);
        listeners.forEach(listener -> listener.accept(entry));
    }

    @Override
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        follower = Thread.ofPlatform().name("delivery-ledger").daemon().start(this::follow);
        awaitLoaded();
    }

    private void awaitLoaded() {
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LedgerUnavailableException(Topics.DELIVERIES.name() + " was not read to its end within " + timeout
                        + "; is the broker reachable? Nothing is delivered before the ledger is known", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while reading " + Topics.DELIVERIES.name(), e);
        }
        if (loadFailure.get() != null) {
            throw loadFailure.get();
        }
    }

    private void follow() {
        try (Consumer<String, Delivery> reader = consumers.get()) {
            consumer.set(reader);
            List<TopicPartition> partitions = reader.partitionsFor(Topics.DELIVERIES.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + Topics.DELIVERIES.name() + " does not exist; it is created "
                        + "with the other catalogue topics when a service starts (docs/operations.md)");
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
            while (running.get()) {
                reader.poll(POLL).forEach(record -> {
                    if (record.value() != null) {
                        learn(record.value());
                    }
                });
                if (loaded.getCount() > 0 && ends.entrySet().stream().allMatch(e -> reader.position(e.getKey()) >= e.getValue())) {
                    log.info("delivery ledger read: {} send ids", states.size());
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // stop() woke the poll up
        } catch (RuntimeException e) {
            loadFailure.set(new LedgerUnavailableException("reading " + Topics.DELIVERIES.name() + " failed: " + e
                    + "; nothing is delivered until the service is restarted", e));
            log.error("the delivery ledger stopped following {}", Topics.DELIVERIES.name(), e);
            loaded.countDown();
        }
    }

    @Override
    public void stop() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        Consumer<String, Delivery> reader = consumer.get();
        if (reader != null) {
            reader.wakeup();
        }
        try {
            follower.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
