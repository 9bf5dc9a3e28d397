package org.touchpointcrm.notifier.definitions;

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
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.schemas.Topics;

/**
 * The one way campaigns are written: to crm.campaigns, acknowledged by every in-sync replica (the
 * platform's producer settings). Every instance, this one included, then reads it back through its
 * global store; {@link #publish} waits for this instance to have done so, so that a GET right after a
 * write shows it.
 */
@Component
public class CampaignPublisher {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Map<String, CompletableFuture<Void>> awaited = new ConcurrentHashMap<>();

    public CampaignPublisher(KafkaTemplate<String, SpecificRecord> kafka, CampaignCatalogue catalogue) {
        this.kafka = kafka;
        catalogue.onChange(campaign -> {
            CompletableFuture<Void> waiting = awaited.remove(key(campaign));
            if (waiting != null) {
                waiting.complete(null);
            }
        });
    }

    /**
     * Writes the campaign and waits until this instance's catalogue has it.
     *
     * @return true when it is visible here; false when it is stored but not read back within the wait
     *         (Kafka Streams not running): the caller answers 202 rather than pretend
     * @throws CampaignsUnavailableException when the broker did not acknowledge it: nothing was changed
     */
    public boolean publish(CampaignDefinition campaign, Duration visibleWithin) {
        CompletableFuture<Void> visible = awaited.computeIfAbsent(key(campaign), k -> new CompletableFuture<>());
        try {
            kafka.send(Topics.CAMPAIGNS.name(), campaign.getId(), campaign).get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            awaited.remove(key(campaign));
            throw new CampaignsUnavailableException("the broker did not acknowledge campaign '" + campaign.getId()
                    + "' version " + campaign.getVersion() + " within " + ACK_TIMEOUT + " (" + e
                    + "); nothing was changed, send it again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CampaignsUnavailableException("interrupted while writing campaign '" + campaign.getId()
                    + "'; send it again");
        }
        try {
            visible.get(visibleWithin.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            awaited.remove(key(campaign));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String key(CampaignDefinition campaign) {
        return campaign.getId() + "/v" + campaign.getVersion();
    }
}
