package org.touchpointcrm.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.rules.ProfilePaths.Kind;

class ProfilePathsTest {

    private final ProfilePaths paths = ProfilePaths.instance();

    @Test
    void nestedFieldsOfTheSchemaArePathsAndRecordsCanBeSteppedInto() {
        assertThat(paths.find("profile.master.firstName")).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(Kind.VALUE));
        assertThat(paths.find("profile.master")).hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(Kind.RECORD));
        assertThat(paths.find("profile.purchases.count")).isPresent();
    }

    @Test
    void listsAndMapsOfRecordsNameTheFieldsOfOneElement() {
        assertThat(paths.find("profile.consents")).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(Kind.MAP);
            assertThat(p.elementFields()).contains("granted", "purpose");
        });
        assertThat(paths.find("profile.segments")).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(Kind.LIST);
            assertThat(p.elementFields()).isEmpty();
        });
    }

    @Test
    void theUpdatersBookkeepingIsHiddenAsFromRules() {
        assertThat(paths.find("profile.purchaseDays")).isEmpty();
        assertThat(paths.find("profile.seenEmail")).isEmpty();
    }

    @Test
    void aMisspeltPathGetsTheClosestKnownOne() {
        assertThat(paths.didYouMean("profile.master.frstName")).contains("profile.master.firstName");
    }
}
