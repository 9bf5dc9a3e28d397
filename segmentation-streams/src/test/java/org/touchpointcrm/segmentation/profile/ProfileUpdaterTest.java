package org.touchpointcrm.segmentation.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

class ProfileUpdaterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aFirstTouchpointStartsAProfileAtVersionOne() {
        CustomerProfile profile = ProfileUpdater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0));

        assertThat(profile.getVersion()).isEqualTo(1);
        assertThat(profile.getFirstSeenAt()).isEqualTo(T0);
        assertThat(profile.getLastSeenAt()).isEqualTo(T0);
        assertThat(profile.getEmail()).isEqualTo("c-1@example.fi");
        assertThat(profile.getPurchaseCount()).isZero();
    }

    @Test
    void aLateTouchpointMovesFirstSeenBackButNotLastSeen() {
        CustomerProfile now = ProfileUpdater.apply(null, "c-1", Touchpoints.webVisit("c-1", T0));

        CustomerProfile after = ProfileUpdater.apply(now, "c-1", Touchpoints.webVisit("c-1", T0.minusSeconds(3600)));

        assertThat(after.getFirstSeenAt()).isEqualTo(T0.minusSeconds(3600));
        assertThat(after.getLastSeenAt()).isEqualTo(T0);
    }

    @Test
    void purchasesCountAndAddUpPerCurrency() {
        CustomerProfile p = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "10.00", T0));
        p = ProfileUpdater.apply(p, "c-1", Touchpoints.purchase("c-1", "2.50", T0.minusSeconds(60)));
        var sek = TouchpointEvent.newBuilder(Touchpoints.purchase("c-1", "100.00", T0.plusSeconds(60))).setCurrency("SEK").build();
        p = ProfileUpdater.apply(p, "c-1", sek);

        assertThat(p.getPurchaseCount()).isEqualTo(3);
        assertThat(p.getSpendByCurrency()).containsEntry("EUR", new BigDecimal("12.50")).containsEntry("SEK", new BigDecimal("100.00"));
        assertThat(p.getFirstPurchaseAt()).isEqualTo(T0.minusSeconds(60));
        assertThat(p.getLastPurchaseAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void aReturnTakesItsAmountOffTheSpendButIsNoPurchase() {
        CustomerProfile p = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "30.00", T0));
        var ret = Touchpoints.event("c-1", Channel.POS, TouchpointType.RETURN, T0.plusSeconds(60))
                .setAmount(new BigDecimal("12.00")).setCurrency("EUR").build();

        p = ProfileUpdater.apply(p, "c-1", ret);

        assertThat(p.getPurchaseCount()).isEqualTo(1);
        assertThat(p.getSpendByCurrency()).containsEntry("EUR", new BigDecimal("18.00"));
    }

    @Test
    void theProfileGivenIsNeverChanged() {
        CustomerProfile before = ProfileUpdater.apply(null, "c-1", Touchpoints.purchase("c-1", "10.00", T0));
        CustomerProfile snapshot = CustomerProfile.newBuilder(before).build();

        ProfileUpdater.apply(before, "c-1", Touchpoints.purchase("c-1", "5.00", T0.plusSeconds(1)));

        assertThat(before).isEqualTo(snapshot);
        assertThat(before.getSpendByCurrency()).containsEntry("EUR", new BigDecimal("10.00"));
    }
}
