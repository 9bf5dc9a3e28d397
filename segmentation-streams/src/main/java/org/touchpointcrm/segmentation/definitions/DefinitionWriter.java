package org.touchpointcrm.segmentation.definitions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.ContactFieldsRefusedException;
import org.touchpointcrm.access.definitions.DefinitionConflictException;
import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.access.definitions.Written;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentDefinitions;
import org.touchpointcrm.segmentation.SegmentationProblems.ParameterViolation;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;
import org.touchpointcrm.segmentation.segments.SegmentDefinitionRecords;

/**
 * Creates, changes and retires definitions: checks the fields, compiles the rule (a refused rule
 * never reaches the topic), gives the next version and publishes. Ids are for good: a retired
 * segment comes back with a PUT, its id is never given to another meaning.
 */
@Component
public class DefinitionWriter {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    private static final ParameterViolation RULE_MISSING = new ParameterViolation("rule",
            "is missing; write a CEL condition over profile, e.g. profile.purchases.count >= 3");

    private final SegmentCatalogue catalogue;
    private final ProfileRuleCompiler compiler;
    private final DefinitionPublisher publisher;
    private final Clock clock;

    public DefinitionWriter(SegmentCatalogue catalogue, ProfileRuleCompiler compiler, DefinitionPublisher publisher,
                            Clock clock) {
        this.catalogue = catalogue;
        this.compiler = compiler;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** @param client whose key writes it: its owner, and whether its rule may read contact fields */
    public Written<SegmentDefinition> create(DefinitionRequest request, ApiClient client) {
        String owner = client.name();
        List<ParameterViolation> violations = new ArrayList<>();
        if (!SegmentDefinitions.isValidId(request.id())) {
            violations.add(new ParameterViolation("id", "must be lower-case kebab-case (a-z, 0-9 and single '-'),"
                    + " e.g. lapsing-uusimaa; was " + BoundedText.quote(request.id())));
        }
        CompiledRule rule = check(request, violations, client);
        SegmentDefinition known = catalogue.entry(request.id()).map(SegmentCatalogue.Entry::definition).orElse(null);
        if (known != null) {
            throw DefinitionConflictException.exists("segment '" + request.id() + "' exists"
                    + (known.getStatus() == SegmentStatus.RETIRED ? " (retired)" : "") + " at version "
                    + known.getVersion() + "; change it with PUT /v1/segment-definitions/" + request.id()
                    + ", or choose another id");
        }
        return write(SegmentDefinitionRecords.next(null, request.id(), request.name().strip(), description(request),
                request.rule(), rule, request.statusOrActive(), owner, clock.instant()));
    }

    /**
     * Replaces name, description and rule; the status stays unless the request names one.
     *
     * @param expectedVersion the If-Match version, or null to change whatever is current
     */
    public Written<SegmentDefinition> change(String id, DefinitionRequest request, Integer expectedVersion, ApiClient client) {
        String owner = client.name();
        SegmentDefinition known = current(id, expectedVersion);
        List<ParameterViolation> violations = new ArrayList<>();
        if (request.id() != null && !request.id().equals(id)) {
            violations.add(new ParameterViolation("id", "is " + BoundedText.quote(request.id()) + " but the path says '" + id
                    + "'; an id cannot change: create a new segment and retire this one"));
        }
        CompiledRule rule = check(request, violations, client);
        SegmentStatus status = request.status() == null ? known.getStatus() : request.status();
        if (known.getName().equals(request.name().strip()) && Objects.equals(known.getDescription(), description(request))
                && known.getRule().equals(request.rule()) && known.getStatus() == status) {
            return Written.unchanged(known);
        }
        return write(SegmentDefinitionRecords.next(known, id, request.name().strip(), description(request),
                request.rule(), rule, status, owner, clock.instant()));
    }

    /** Its members leave it; the definition stays, retired, so the id keeps its meaning. */
    public Written<SegmentDefinition> retire(String id, Integer expectedVersion, String owner) {
        SegmentDefinition known = current(id, expectedVersion);
        if (known.getStatus() == SegmentStatus.RETIRED) {
            return Written.unchanged(known);
        }
        SegmentDefinition retired = SegmentDefinition.newBuilder(known).setStatus(SegmentStatus.RETIRED)
                .setVersion(known.getVersion() + 1).setOwner(owner).setChangedAt(clock.instant()).build();
        return write(retired);
    }

    /**
     * Compiles a rule, or says why not; a rule that reads contact fields only for a client that may
     * use them ({@link ContactFieldsRefusedException}).
     */
    public CompiledRule compile(String rule, ApiClient client) {
        if (rule == null || rule.isBlank()) {
            throw DefinitionRefusedException.fields(List.of(RULE_MISSING));
        }
        CompiledRule compiled;
        try {
            compiled = compiler.compile(rule);
        } catch (RuleCompileException e) {
            throw DefinitionRefusedException.problems(e.problems());
        }
        ContactFieldsRefusedException.check(client, "segment rule", compiled.contactFieldsRead());
        return compiled;
    }

    private SegmentDefinition current(String id, Integer expectedVersion) {
        SegmentDefinition known = catalogue.entry(id).map(SegmentCatalogue.Entry::definition)
                .orElseThrow(() -> new UnknownDefinitionException(id));
        DefinitionConflictException.unlessCurrent("segment '" + id + "'", known.getVersion(), expectedVersion);
        return known;
    }

    private CompiledRule check(DefinitionRequest request, List<ParameterViolation> violations, ApiClient client) {
        if (request.name() == null || request.name().isBlank()) {
            violations.add(new ParameterViolation("name", "is missing; give the segment a name people understand"));
        } else {
            BoundedText.problem(request.name().strip(), MAX_NAME)
                    .ifPresent(problem -> violations.add(new ParameterViolation("name", problem)));
        }
        BoundedText.problem(request.description(), MAX_DESCRIPTION)
                .ifPresent(problem -> violations.add(new ParameterViolation("description", problem)));
        if (request.status() == SegmentStatus.UNKNOWN) {
            violations.add(new ParameterViolation("status", "must be DRAFT, ACTIVE or RETIRED"));
        }
        if (request.rule() == null || request.rule().isBlank()) {
            violations.add(RULE_MISSING);
        }
        if (!violations.isEmpty()) {
            throw DefinitionRefusedException.fields(violations);
        }
        return compile(request.rule(), client);
    }

    private Written<SegmentDefinition> write(SegmentDefinition definition) {
        return new Written<>(definition, publisher.publish(definition), true);
    }

    private static String description(DefinitionRequest request) {
        return request.description() == null || request.description().isBlank() ? null : request.description().strip();
    }
}
