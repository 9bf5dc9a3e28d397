package org.touchpointcrm.segmentation.segments;

import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentSpec;

/** A named rule over the profile. Its version grows whenever its rule or status changes. */
public record Segment(String id, int version, String name, String description, SegmentRule rule) {

    /** Compiles a definition; a rule that does not compile is refused with its problems. */
    public static Segment compile(SegmentSpec spec, ProfileRuleCompiler compiler) throws RuleCompileException {
        CompiledRule rule = compiler.compile(spec.rule());
        return new Segment(spec.id(), spec.version(), spec.name(), spec.description(), SegmentRule.of(rule));
    }

    /** The same for a definition read from crm.segment-definitions. */
    public static Segment compile(SegmentDefinition definition, ProfileRuleCompiler compiler) throws RuleCompileException {
        CompiledRule rule = compiler.compile(definition.getRule());
        return new Segment(definition.getId(), definition.getVersion(), definition.getName(),
                definition.getDescription(), SegmentRule.of(rule));
    }
}
