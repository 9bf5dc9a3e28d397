package org.touchpointcrm.platform.definitions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.touchpointcrm.schemas.Topic;

/**
 * The one way definitions (segments, campaigns) are written: to their compacted topic, acknowledged by
 * every in-sync replica (the platform's producer settings). Every instance, this one included, then
 * reads it back through its global store into an in-memory catalogue, which calls {@link #readBack};
 * {@link #publish} waits for this instance to have done so, so that a GET right after a write shows it.
 *
 * @param <V> the definition's record, keyed by its id on the topic
 */
public class ReadBackPublisher<V extends SpecificRecord> {

    /** How long a write waits to be visible on this instance before the caller answers 202 instead. */
    public static final Duration VISIBLE_WITHIN = Duration.ofSeconds(5);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Topic<String, V> topic;
    private final Naming<V> naming;
    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

    /**
     * How a service names its definitions.
     *
     * @param noun       what one is called in a message, e.g. "segment"
     * @param id         its id, the topic's key
     * @param version    its version: a write is awaited until this very version is read back
     * @param notWritten the service's exception for "the broker did not take it", given why and what to do
     */
    public record Naming<V>(String noun, Function<V, String> id, ToLongFunction<V> version,
                            Function<String, RuntimeException> notWritten) {
    }

    public ReadBackPublisher(KafkaTemplate<String, SpecificRecord> kafka, Topic<String, V> topic, Naming<V> naming) {
        this.kafka = kafka;
        this.topic = topic;
        this.naming = naming;
    }

    /** What the catalogue calls on every definition it reads: ends the wait of the write of that version. */
    public void readBack(V definition) {
        CompletableFuture<Void> waiting = awaited.remove(key(definition));
        if (waiting != null) {
            waiting.complete(null);
        }
    }

    /** Writes the definition and waits up to {@link #VISIBLE_WITHIN} until this instance's catalogue has it. */
    public boolean publish(V definition) {
        return publish(definition, VISIBLE_WITHIN);
    }

    /**
     * Writes the definition and waits until this instance's catalogue has it.
     *
     * @return true when it is visible here; false when it is stored but not read back within the wait
     *         (Kafka Streams not running): the caller answers 202 rather than pretend
     * @throws RuntimeException the service's {@link Naming#notWritten} exception when the broker did not
     *         acknowledge it: nothing was changed
     */
    public boolean publish(V definition, Duration visibleWithin) {
        String id = naming.id().apply(definition);
        CompletableFuture<Void> visible = awaited.computeIfAbsent(key(definition), k -> new CompletableFuture<>());
        try {
            kafka.send(topic.name(), id, definition).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // KafkaException: the send itself failed, e.g. no broker answered within max.block.ms
            awaited.remove(key(definition));
            throw naming.notWritten().apply("the broker did not acknowledge " + naming.noun() + " '" + id
                    + "' version " + naming.version().applyAsLong(definition) + " within " + ACK_TIMEOUT + " (" + e
                    + "); nothing was changed, send it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw naming.notWritten().apply("interrupted while writing " + naming.noun() + " '" + id
                    + "'; send it again");
        }
        try {
            visible.get(visibleWithin.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            awaited.remove(key(definition));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String key(V definition) {
        return naming.id().apply(definition) + "/v" + naming.version().applyAsLong(definition);
    }
}
