package org.touchpointcrm.notifier.definitions;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.touchpointcrm.avro.CampaignDefinition;

/**
 * Every campaign this instance knows, the newest version per id, in memory. Fed from the compacted
 * crm.campaigns (every instance reads all of it, see {@link ReadCampaignDefinitions}); read by the
 * REST API and by the decisions. Readers get an immutable snapshot behind a
 * volatile reference, so they never see half a change.
 */
@Component
public class CampaignCatalogue {

    private static final Logger log = LoggerFactory.getLogger(CampaignCatalogue.class);

    private final List<Consumer<CampaignDefinition>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, CampaignDefinition> campaigns = Map.of();

    /**
     * Takes a campaign read from the topic. A version older than the one known is ignored (the topic
     * is written in order per id, so only a writer that lost a race produces one).
     */
    public void apply(CampaignDefinition campaign) {
        synchronized (this) {
            CampaignDefinition known = campaigns.get(campaign.getId());
            if (known != null && known.getVersion() > campaign.getVersion()) {
                log.warn("Campaign '{}' version {} ignored: version {} is already known", campaign.getId(),
                        campaign.getVersion(), known.getVersion());
                return;
            }
            Map<String, CampaignDefinition> next = new TreeMap<>(campaigns);
            next.put(campaign.getId(), campaign);
            campaigns = Collections.unmodifiableMap(next);
        }
        listeners.forEach(listener -> listener.accept(campaign));
    }

    /** Called with every campaign taken, after readers can see it. */
    public void onChange(Consumer<CampaignDefinition> listener) {
        listeners.add(listener);
    }

    public Optional<CampaignDefinition> find(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    /** Every known campaign, in id order. */
    public Collection<CampaignDefinition> all() {
        return campaigns.values();
    }
}
