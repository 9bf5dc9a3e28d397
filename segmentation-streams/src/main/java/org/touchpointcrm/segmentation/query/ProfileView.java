package org.touchpointcrm.segmentation.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.touchpointcrm.avro.CustomerProfile;

/** The JSON shape of a profile in the REST API. */
public record ProfileView(String customerId, long version, String email, String phone,
                          Instant firstSeenAt, Instant lastSeenAt, Map<String, Long> contactsByChannel,
                          long purchaseCount, Map<String, BigDecimal> spendByCurrency,
                          Instant firstPurchaseAt, Instant lastPurchaseAt, List<String> segments) {

    public static ProfileView of(CustomerProfile p) {
        return new ProfileView(p.getCustomerId(), p.getVersion(), p.getEmail(), p.getPhone(),
                p.getFirstSeenAt(), p.getLastSeenAt(), Map.copyOf(p.getContactsByChannel()),
                p.getPurchaseCount(), Map.copyOf(p.getSpendByCurrency()),
                p.getFirstPurchaseAt(), p.getLastPurchaseAt(), List.copyOf(p.getSegments()));
    }
}
