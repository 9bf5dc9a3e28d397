package org.touchpointcrm.console;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.fixtures.PackageDirection;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The packages of console point one way (docs/architecture.md, Packages). */
class PackageDirectionTest {

    private static final JavaClasses CLASSES = PackageDirection.classesOf("org.touchpointcrm.console");

    @Test
    void packagesPointOneWay() {
        PackageDirection.packagesPointOneWay("org.touchpointcrm.console").check(CLASSES);
    }
}
