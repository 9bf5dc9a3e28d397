package org.touchpointcrm.notifier.definitions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.definitions.DefinitionConflictException;
import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.access.definitions.Written;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.FrequencyCap;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.SegmentDefinitions;

/**
 * Creates, changes and ends campaigns: checks them ({@link CampaignChecks}: a refused campaign never
 * reaches the topic), gives the next version and publishes. Ids are for good: an ended campaign keeps
 * its id, which is never given to another meaning.
 */
@Component
public class CampaignWriter {

    private final CampaignCatalogue catalogue;
    private final CampaignChecks checks;
    private final CampaignPublisher publisher;
    private final Clock clock;

    public CampaignWriter(CampaignCatalogue catalogue, ProfileRuleCompiler compiler, CampaignPublisher publisher,
                          Clock clock) {
        this.catalogue = catalogue;
        this.checks = new CampaignChecks(compiler);
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param client whose key writes it: its owner, and whether its audience may read contact fields */
    public Written<CampaignDefinition> create(CampaignRequest request, ApiClient client) {
        String owner = client.name();
        if (!SegmentDefinitions.isValidId(request.id())) {
            throw DefinitionRefusedException.fields(List.of(new FieldError("id", "must be lower-case kebab-case (a-z, 0-9"
                    + " and single '-'), e.g. welcome-new; was " + BoundedText.quote(request.id()))));
        }
        checks.check(request, client);
        CampaignDefinition known = catalogue.find(request.id()).orElse(null);
        if (known != null) {
            throw DefinitionConflictException.exists("campaign '" + request.id() + "' exists"
                    + (known.getStatus() == CampaignStatus.ENDED ? " (ended)" : "") + " at version " + known.getVersion()
                    + "; change it with PUT /v1/campaigns/" + request.id() + ", or choose another id");
        }
        CampaignStatus status = request.status() == null ? CampaignStatus.DRAFT : request.status();
        return write(record(null, request.id(), request, status, owner, clock.instant()));
    }

    /**
     * Replaces the whole campaign; the status stays unless the request names one.
     *
     * @param expectedVersion the If-Match version, or null to change whatever is current
     */
    public Written<CampaignDefinition> change(String id, CampaignRequest request, Long expectedVersion, ApiClient client) {
        String owner = client.name();
        CampaignDefinition known = current(id, expectedVersion);
        if (request.id() != null && !request.id().equals(id)) {
            throw DefinitionRefusedException.fields(List.of(new FieldError("id", "is " + BoundedText.quote(request.id()) + " but the path"
                    + " says '" + id + "'; an id cannot change: create a new campaign and end this one")));
        }
        checks.check(request, client);
        CampaignStatus status = request.status() == null ? known.getStatus() : request.status();
        CampaignDefinition next = record(known, id, request, status, owner, clock.instant());
        if (sameContent(known, next)) {
            return Written.unchanged(known);
        }
        return write(next);
    }

    /** Ends it for good: nothing more is sent; the campaign stays, so the id keeps its meaning. */
    public Written<CampaignDefinition> end(String id, Long expectedVersion, String owner) {
        CampaignDefinition known = current(id, expectedVersion);
        if (known.getStatus() == CampaignStatus.ENDED) {
            return Written.unchanged(known);
        }
        return write(CampaignDefinition.newBuilder(known).setStatus(CampaignStatus.ENDED)
                .setVersion(known.getVersion() + 1).setOwner(owner).setChangedAt(millis(clock.instant())).build());
    }

    /** Checks a campaign without writing it. @throws DefinitionRefusedException as a write would */
    public void validate(CampaignRequest request, ApiClient client) {
        checks.check(request, client);
    }

    private CampaignDefinition current(String id, Long expectedVersion) {
        CampaignDefinition known = catalogue.find(id).orElseThrow(() -> new UnknownCampaignException(id));
        DefinitionConflictException.unlessCurrent("campaign '" + id + "'", known.getVersion(), expectedVersion);
        return known;
    }

    private Written<CampaignDefinition> write(CampaignDefinition campaign) {
        return new Written<>(campaign, publisher.publish(campaign), true);
    }

    /** Equal but for what every version has of its own. */
    private static boolean sameContent(CampaignDefinition known, CampaignDefinition next) {
        CampaignDefinition aligned = CampaignDefinition.newBuilder(next).setVersion(known.getVersion())
                .setOwner(known.getOwner()).setChangedAt(known.getChangedAt()).build();
        return aligned.equals(known);
    }

    /** The next version of a campaign (or the first, when {@code previous} is null) with the request's content. */
    private static CampaignDefinition record(CampaignDefinition previous, String id, CampaignRequest request,
                                             CampaignStatus status, String owner, Instant at) {
        var cap = request.frequencyCap();
        return CampaignDefinition.newBuilder()
                .setId(id).setName(request.name().strip()).setDescription(blankToNull(request.description()))
                .setOwner(owner).setVersion(previous == null ? 1 : previous.getVersion() + 1).setStatus(status)
                .setTrigger(CampaignTrigger.newBuilder().setSegmentId(request.trigger().segmentId())
                        .setChange(request.trigger().change()).setDelay(blankToNull(request.trigger().delay())).build())
                .setAudience(blankToNull(request.audience()))
                .setChannels(List.copyOf(request.channels()))
                .setConsentPurpose(request.consentPurpose())
                .setDefaultLanguage(request.defaultLanguage())
                .setTemplates(request.templates().stream().map(t -> CampaignTemplate.newBuilder()
                        .setChannel(t.channel()).setLanguage(t.language()).setSubject(t.subject())
                        .setHtmlBody(t.htmlBody()).setTextBody(t.textBody()).build()).toList())
                .setStartAt(millis(request.startAt())).setEndAt(millis(request.endAt()))
                .setFrequencyCap(cap == null ? null
                        : FrequencyCap.newBuilder().setMaxMessages(cap.maxMessages()).setPeriod(cap.period()).build())
                .setHoldoutPercent(request.holdoutPercent() == null ? 0 : request.holdoutPercent())
                .setCreatedAt(previous == null ? millis(at) : previous.getCreatedAt()).setChangedAt(millis(at))
                .build();
    }

    /** As the topic keeps it (timestamp-millis), so that what is answered equals what is read back. */
    private static Instant millis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
