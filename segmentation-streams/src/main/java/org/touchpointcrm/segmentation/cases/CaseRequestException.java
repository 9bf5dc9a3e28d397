package org.touchpointcrm.segmentation.cases;

import org.springframework.http.HttpStatus;

/** A /v1/cases request that cannot be done: the field or parameter it is about, and why (an RFC 9457 problem). */
public class CaseRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String field;

    public CaseRequestException(HttpStatus status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    public static CaseRequestException invalid(String field, String message) {
        return new CaseRequestException(HttpStatus.BAD_REQUEST, field, message);
    }

    public static CaseRequestException unknown(String caseId) {
        return new CaseRequestException(HttpStatus.NOT_FOUND, "caseId", "no case " + caseId
                + " has been raised; list a store's cases with GET /v1/cases?store=...");
    }

    public static CaseRequestException conflict(String field, String message) {
        return new CaseRequestException(HttpStatus.CONFLICT, field, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String field() {
        return field;
    }
}
