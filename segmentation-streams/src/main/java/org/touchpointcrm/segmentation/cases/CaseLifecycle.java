package org.touchpointcrm.segmentation.cases;

import java.util.Optional;

import org.touchpointcrm.avro.CaseStatus;

/** NEW → ACKNOWLEDGED → ACTED_ON or DECLINED; the last two are final and carry a reply for the customers. */
public final class CaseLifecycle {

    private CaseLifecycle() {
    }

    public static boolean isOpen(CaseStatus status) {
        return status == CaseStatus.NEW || status == CaseStatus.ACKNOWLEDGED;
    }

    public static boolean needsReply(CaseStatus status) {
        return status == CaseStatus.ACTED_ON || status == CaseStatus.DECLINED;
    }

    /** Why {@code from → to} is not allowed (with what to do), or empty when it is. */
    public static Optional<String> refusal(CaseStatus from, CaseStatus to, boolean hasReply) {
        if (to == null || to == CaseStatus.UNKNOWN || to == CaseStatus.NEW) {
            return Optional.of("status must be one of ACKNOWLEDGED, ACTED_ON, DECLINED");
        }
        if (!isOpen(from)) {
            return Optional.of("the case is " + from + ", which is final");
        }
        if (from == to) {
            return Optional.of("the case is " + from + " already");
        }
        if (needsReply(to) && from != CaseStatus.ACKNOWLEDGED) {
            return Optional.of("acknowledge the case first (status ACKNOWLEDGED), then mark it " + to);
        }
        if (needsReply(to) && !hasReply) {
            return Optional.of(to + " needs a reply: what the customers who raised it are told");
        }
        if (!needsReply(to) && hasReply) {
            return Optional.of("a reply goes with ACTED_ON or DECLINED only");
        }
        return Optional.empty();
    }
}
