package org.touchpointcrm.ingest.touchpoints;

import java.util.regex.Pattern;

import org.touchpointcrm.ingest.input.FieldViolation;

/**
 * Why a field was refused, as a short fixed code for the {@code reason} tag of
 * {@code crm.ingest.touchpoints.rejected}. A {@link FieldViolation}'s reason is a sentence for the sender that
 * quotes what they sent, so it can never be a tag value; the code is read from how the validators phrase their
 * sentences ("is required", "is 300 characters long; at most ...", "belongs to FEEDBACK only"). Anything not
 * recognised counts as {@link #INVALID}, so a reworded message can only move counts there, never add series;
 * {@code RejectionReasonTest} runs the validators' own messages through, so such a move fails a test.
 */
enum RejectionReason {

    MISSING("missing"),
    TOO_LONG("too-long"),
    OUT_OF_RANGE("out-of-range"),
    NOT_FOR_TYPE("not-for-type"),
    UNREADABLE("unreadable"),
    NOT_PERMITTED("not-permitted"),
    INVALID("invalid");

    /** "is 300 characters long; at most 128 ..." and "is longer than 64 characters". */
    private static final Pattern TOO_LONG_TEXT = Pattern.compile("^is (\\d+ characters long|longer than )");
    /** A number outside its range: "is '-5.00'; it must not be negative", "is 7; give 1 (poor) to 5 ...". */
    private static final Pattern NUMBER_OUT_OF_RANGE = Pattern.compile("^is '?-?[0-9][0-9.E+-]*'?; ");

    private final String tag;

    RejectionReason(String tag) {
        this.tag = tag;
    }

    String tag() {
        return tag;
    }

    static RejectionReason of(FieldViolation violation) {
        String reason = violation.reason();
        if (reason.startsWith("is required") || reason.startsWith("has no ")) {
            return MISSING;
        }
        if (TOO_LONG_TEXT.matcher(reason).find()) {
            return TOO_LONG;
        }
        if (reason.startsWith("lies more than") || NUMBER_OUT_OF_RANGE.matcher(reason).find()) {
            return OUT_OF_RANGE;
        }
        if (reason.startsWith("belongs to ") || reason.startsWith("belong to ")) {
            return NOT_FOR_TYPE;
        }
        if (reason.startsWith("could not be read") || "(item)".equals(violation.field())) {
            return UNREADABLE;
        }
        if (reason.startsWith("API key ")) {
            return NOT_PERMITTED;
        }
        return INVALID;
    }
}
