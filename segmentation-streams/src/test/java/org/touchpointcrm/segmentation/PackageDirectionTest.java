package org.touchpointcrm.segmentation;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.touchpointcrm.schemas.fixtures.PackageDirection;
import org.touchpointcrm.segmentation.topology.SegmentationTopology;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;

/**
 * The packages of segmentation-streams point one way, except for what is still to be cut (after the identity stage
 * lands): the knot of profile ↔ segments through ProfileChange and the segment-change meters, and profile → stats →
 * query → profile, with timeline, sweep and the application's own package (SegmentationProperties, reached up for);
 * and definitions → the application's package through SegmentationProblems.ParameterViolation. Any other cycle fails
 * this test, and so does a new package drawn into the knot.
 */
class PackageDirectionTest {

    private static final JavaClasses CLASSES = PackageDirection.classesOf("org.touchpointcrm.segmentation");

    /** The packages whose cycles among themselves remain for now (docs/architecture.md, Packages). */
    private static final DescribedPredicate<JavaClass> KNOT = resideInAnyPackage("org.touchpointcrm.segmentation",
            "org.touchpointcrm.segmentation.profile..", "org.touchpointcrm.segmentation.segments..",
            "org.touchpointcrm.segmentation.stats..", "org.touchpointcrm.segmentation.query..",
            "org.touchpointcrm.segmentation.timeline..", "org.touchpointcrm.segmentation.sweep..");

    /** The definitions' errors name their field with the application's ParameterViolation. */
    private static final DescribedPredicate<JavaClass> DEFINITIONS =
            resideInAnyPackage("org.touchpointcrm.segmentation.definitions..");
    private static final DescribedPredicate<JavaClass> APPLICATION = resideInAnyPackage("org.touchpointcrm.segmentation");

    @Test
    void packagesPointOneWayOutsideWhatIsStillToBeCut() {
        PackageDirection.packagesPointOneWay("org.touchpointcrm.segmentation").ignoreDependency(KNOT, KNOT)
                .ignoreDependency(DEFINITIONS, APPLICATION).check(CLASSES);
    }

    /** Spring hands the app's StreamsBuilder to one method; its parts are composed there. */
    @Test
    void theStreamsAppHasOneEntryPoint() {
        methods().that().areAnnotatedWith(Autowired.class).and().haveRawParameterTypes(StreamsBuilder.class)
                .should().beDeclaredIn(SegmentationTopology.class).check(CLASSES);
    }
}
