package org.touchpointcrm.ingest;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.fixtures.PackageDirection;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The packages of ingest-service point one way (docs/architecture.md, Packages). */
class PackageDirectionTest {

    private static final JavaClasses CLASSES = PackageDirection.classesOf("org.touchpointcrm.ingest");

    @Test
    void packagesPointOneWay() {
        PackageDirection.packagesPointOneWay("org.touchpointcrm.ingest").check(CLASSES);
    }
}
