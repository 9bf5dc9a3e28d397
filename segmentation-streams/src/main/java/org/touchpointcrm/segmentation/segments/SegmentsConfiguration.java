package org.touchpointcrm.segmentation.segments;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.touchpointcrm.rules.BuiltInSegments;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentSpec;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The segments this instance evaluates: whatever crm.segment-definitions holds, read into the
 * catalogue by the topology (the built-in file seeds the topic at first start).
 */
@Configuration(proxyBeanMethods = false)
public class SegmentsConfiguration {

    /** Rule evaluations that failed (counted as "not a member"). */
    static final String RULE_ERRORS_METRIC = "crm.segmentation.rule.errors";

    @Bean
    ProfileRuleCompiler profileRuleCompiler() {
        return new ProfileRuleCompiler();
    }

    @Bean
    SegmentCatalogue segmentCatalogue(ProfileRuleCompiler compiler) {
        return new SegmentCatalogue(compiler);
    }

    @Bean
    SegmentEvaluator segmentEvaluator(SegmentCatalogue catalogue, ProfileRuleCompiler compiler, MeterRegistry meters) {
        SegmentEvaluator evaluator = new SegmentEvaluator(catalogue, compiler);
        FunctionCounter.builder(RULE_ERRORS_METRIC, evaluator, SegmentEvaluator::evaluationErrors)
                .description("Segment rule evaluations that failed and counted as not a member").register(meters);
        return evaluator;
    }

    /** Every built-in segment, compiled; the start fails naming the segment whose rule does not compile. */
    public static List<Segment> builtIn(ProfileRuleCompiler compiler) {
        List<Segment> segments = new ArrayList<>();
        for (SegmentSpec spec : BuiltInSegments.load()) {
            try {
                segments.add(Segment.compile(spec, compiler));
            } catch (RuleCompileException e) {
                throw new IllegalStateException("built-in segment '" + spec.id() + "' does not compile: "
                        + e.getMessage() + "; fix its rule in " + BuiltInSegments.RESOURCE, e);
            }
        }
        return segments;
    }
}
