package org.touchpointcrm.notifier.reactions;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.schemas.Topics;

/**
 * Reads the whole delivery ledger (crm.deliveries, every partition, from the start, no consumer group:
 * each instance needs every entry) into the {@link SmsSendIndex}, and keeps following it. Read
 * committed, so an entry of an aborted transaction never names a send.
 */
public class SmsSendIndexReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SmsSendIndexReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Map<String, Object> consumerConfig;
    private final Deserializer<String> keys;
    private final Deserializer<Delivery> values;
    private final SmsSendIndex index;
    private volatile boolean running;
    private volatile Consumer<String, Delivery> consumer;
    private Thread thread;

    /** @param consumerConfig bootstrap servers and security; group and commit settings are this reader's own */
    public SmsSendIndexReader(Map<String, Object> consumerConfig, Deserializer<String> keys, Deserializer<Delivery> values,
                              SmsSendIndex index) {
        this.consumerConfig = consumerConfig;
        this.keys = keys;
        this.values = values;
        this.index = index;
    }

    @Override
    public synchronized void start() {
        consumer = new KafkaConsumer<>(consumerConfig, keys, values);
        running = true;
        thread = Thread.ofVirtual().name("sms-send-index").start(this::follow);
    }

    private void follow() {
        try (var c = consumer) {
            List<TopicPartition> partitions = List.of();
            while (running && partitions.isEmpty()) {
                partitions = partitions(c);
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            while (running) {
                c.poll(POLL).forEach(record -> index.take(record.value()));
            }
        } catch (WakeupException e) {
            // stop() woke the poll: nothing more to read
        } catch (RuntimeException e) {
            log.error("Reading {} for the SMS status callbacks stopped: callbacks of sends after this are answered"
                    + " 503 until the notifier is restarted", Topics.DELIVERIES.name(), e);
        }
    }

    /** None while the topic does not exist yet (the service creates it at start). */
    private static List<TopicPartition> partitions(Consumer<String, Delivery> c) {
        try {
            return c.partitionsFor(Topics.DELIVERIES.name(), POLL).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        } catch (TimeoutException e) {
            return List.of();
        }
    }

    @Override
    public void stop() {
        Thread reader;
        synchronized (this) {
            running = false;
            reader = thread;
        }
        if (reader != null) {
            consumer.wakeup();
            try {
                reader.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
