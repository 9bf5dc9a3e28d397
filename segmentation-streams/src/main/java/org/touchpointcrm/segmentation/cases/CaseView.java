package org.touchpointcrm.segmentation.cases;

import java.time.Instant;
import java.util.List;

import org.touchpointcrm.avro.CaseKind;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.CustomerCase;

/**
 * A case as /v1/cases shows it: what customers wrote, not who they are (staff act on the suggestion; the reply
 * reaches the raisers without staff seeing their ids).
 */
public record CaseView(String caseId, String storeId, String storeKey, CaseKind kind, CaseStatus status, String topic,
                       String matchKey, int raiserCount, List<Raiser> raisers, String groupedInto, String reply,
                       String changedBy, int version, Instant openedAt, Instant changedAt, Instant resolvedAt) {

    /** One raiser's words. */
    public record Raiser(Instant raisedAt, String text, Integer rating, String product, String category) {

        static Raiser of(CaseRaiser r) {
            return new Raiser(r.getRaisedAt(), r.getText(), r.getRating(), r.getProduct(), r.getCategory());
        }
    }

    public static CaseView of(CustomerCase c) {
        return new CaseView(c.getCaseId(), c.getStoreId(), c.getStoreKey(), c.getKind(), c.getStatus(), c.getTopic(),
                c.getMatchKey(), c.getRaiserCount(), c.getRaisers().stream().map(Raiser::of).toList(), c.getGroupedInto(),
                c.getReply(), c.getChangedBy(), c.getVersion(), c.getOpenedAt(), c.getChangedAt(), c.getResolvedAt());
    }

    /** The page of GET /v1/cases. */
    public record Page(String storeKey, List<CaseView> cases, int total) {
    }
}
