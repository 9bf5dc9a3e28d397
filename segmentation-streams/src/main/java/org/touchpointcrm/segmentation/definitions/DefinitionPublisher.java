package org.touchpointcrm.segmentation.definitions;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;

/**
 * The one way definitions are written: to crm.segment-definitions, acknowledged by every in-sync
 * replica (the platform's producer settings). Every instance, this one included, then reads it back
 * through its global store; {@link #publish} waits for this instance to have done so, so that a GET
 * right after a write shows it.
 */
@Component
public class DefinitionPublisher {

    static final String UNAVAILABLE = "Segment definitions cannot be written now";
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

    public DefinitionPublisher(KafkaTemplate<String, SpecificRecord> kafka, SegmentCatalogue catalogue) {
        this.kafka = kafka;
        catalogue.onChange(definition -> {
            CompletableFuture<Void> waiting = awaited.remove(key(definition));
            if (waiting != null) {
                waiting.complete(null);
            }
        });
    }

    /**
     * Writes the definition and waits until this instance's catalogue has it.
     *
     * @return true when it is visible here; false when it is stored but not read back within the
     *         wait (Kafka Streams not running): the caller answers 202 rather than pretend
     * @throws StoreUnavailableException when the broker did not acknowledge it: nothing was changed
     */
    public boolean publish(SegmentDefinition definition, Duration visibleWithin) {
        CompletableFuture<Void> visible = awaited.computeIfAbsent(key(definition), k -> new CompletableFuture<>());
        try {
            kafka.send(Topics.SEGMENT_DEFINITIONS.name(), definition.getId(), definition)
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            awaited.remove(key(definition));
            throw new StoreUnavailableException(UNAVAILABLE, "the broker did not acknowledge segment '"
                    + definition.getId() + "' version " + definition.getVersion() + " within " + ACK_TIMEOUT
                    + " (" + e + "); nothing was changed, send it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException(UNAVAILABLE, "interrupted while writing segment '"
                    + definition.getId() + "'; send it again");
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

    private static String key(SegmentDefinition definition) {
        return definition.getId() + "/v" + definition.getVersion();
    }
}
