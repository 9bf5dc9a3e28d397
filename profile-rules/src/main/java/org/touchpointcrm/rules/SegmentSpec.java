package org.touchpointcrm.rules;

/**
 * A segment as a marketer defines it: a stable kebab-case id, a version raised whenever the rule
 * changes, a name and a one-line description for people, and the rule (CEL over the profile, see
 * {@link ProfileRuleCompiler}).
 */
public record SegmentSpec(String id, int version, String name, String description, String rule) {}
