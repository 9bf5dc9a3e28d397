package org.touchpointcrm.access;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.schemas.fixtures.PackageDirection;

import com.tngtech.archunit.core.domain.JavaClasses;

/** The packages of api-access point one way (docs/architecture.md, Packages). */
class PackageDirectionTest {

    private static final JavaClasses CLASSES = PackageDirection.classesOf("org.touchpointcrm.access");

    @Test
    void packagesPointOneWay() {
        PackageDirection.packagesPointOneWay("org.touchpointcrm.access").check(CLASSES);
    }
}
