package org.touchpointcrm.segmentation.members;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /v1/segments/{id}/members}: members in the order of the cursor, and the cursor of the next
 * page (null after the last). A page may be shorter than the limit only when it is the last, or when
 * the instance answering for other instances hands back what it holds ({@code X-Crm-Forwarded}).
 */
public record MembersPage(String segmentId, List<Member> members, String nextCursor) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MOST_LIMIT = 1000;

    /** @param since when the customer entered the segment */
    public record Member(String customerId, Instant since) {
    }
}
