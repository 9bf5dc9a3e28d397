package org.touchpointcrm.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import org.apache.kafka.streams.StreamsBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.touchpointcrm.notifier.topology.NotifierTopology;
import org.touchpointcrm.schemas.fixtures.PackageDirection;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The packages of notifier-service point one way (docs/architecture.md, Packages). */
class PackageDirectionTest {

    private static final JavaClasses CLASSES = PackageDirection.classesOf("org.touchpointcrm.notifier");

    @Test
    void packagesPointOneWay() {
        PackageDirection.packagesPointOneWay("org.touchpointcrm.notifier").check(CLASSES);
    }

    /** Spring hands the app's StreamsBuilder to one method; its parts are composed there, not assembled by Spring. */
    @Test
    void theStreamsAppHasOneEntryPoint() {
        methods().that().areAnnotatedWith(Autowired.class).and().haveRawParameterTypes(StreamsBuilder.class)
                .should().beDeclaredIn(NotifierTopology.class).check(CLASSES);
    }
}
