package org.touchpointcrm.segmentation.members;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.touchpointcrm.segmentation.query.QueryParameters;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.segmentation.stats.UnknownSegmentException;

/**
 * A segment's members, page by page ({@code GET /v1/segments/{id}/members}) or all of them as CSV
 * ({@code GET /v1/segments/{id}/members.csv}), from every instance through {@link SegmentMembersQuery}.
 */
@RestController
public class SegmentMembersController {

    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    /** The export reads the members in pages of this size, one page in memory at a time. */
    static final int EXPORT_PAGE = MembersPage.MOST_LIMIT;

    private final SegmentEvaluator segments;
    private final SegmentMembersQuery members;

    public SegmentMembersController(SegmentEvaluator segments, SegmentMembersQuery members) {
        this.segments = segments;
        this.members = members;
    }

    @GetMapping("/v1/segments/{segmentId}/members")
    public MembersPage members(@PathVariable String segmentId, @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) String limit,
                               @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded) {
        MembersCursor from = MembersCursor.parse(cursor, SegmentMembersQuery.PARTITIONS);
        int most = QueryParameters.limit(limit, MembersPage.DEFAULT_LIMIT, MembersPage.MOST_LIMIT);
        requireKnown(segmentId);
        return members.page(segmentId, from, most, forwarded);
    }

    /**
     * Every member, streamed as it is read. The first page is read before the answer starts, so an
     * unknown segment or a rebalance is a proper 404 or 503; a failure later cuts the download short
     * (the chunked answer ends without its last chunk), so a client never takes a part for the whole.
     */
    @GetMapping("/v1/segments/{segmentId}/members.csv")
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String segmentId) {
        requireKnown(segmentId);
        MembersPage first = members.page(segmentId, MembersCursor.START, EXPORT_PAGE, false);
        StreamingResponseBody body = out -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            csv.write("customer_id,since\r\n");
            MembersPage page = first;
            while (true) {
                write(csv, page.members());
                if (page.nextCursor() == null) {
                    break;
                }
                csv.flush();
                page = members.page(segmentId, MembersCursor.parse(page.nextCursor(), SegmentMembersQuery.PARTITIONS),
                        EXPORT_PAGE, false);
            }
            csv.flush();
        };
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"members.csv\"")
                .body(body);
    }

    private void requireKnown(String segmentId) {
        if (segments.catalogue().entry(segmentId).isEmpty()) {
            throw new UnknownSegmentException(List.of(segmentId), segments.segments().size());
        }
    }

    private static void write(Writer csv, List<MembersPage.Member> page) throws java.io.IOException {
        for (MembersPage.Member member : page) {
            csv.write(field(member.customerId()));
            csv.write(',');
            csv.write(member.since().toString());
            csv.write("\r\n");
        }
    }

    /**
     * RFC 4180 quoting; and a leading {@code = + - @} is kept from being read as a formula by a
     * spreadsheet (OWASP, CSV injection) by a leading apostrophe inside the quotes.
     */
    static String field(String value) {
        boolean formula = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0;
        if (!formula && value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            return value;
        }
        return "\"" + (formula ? "'" : "") + value.replace("\"", "\"\"") + "\"";
    }
}
