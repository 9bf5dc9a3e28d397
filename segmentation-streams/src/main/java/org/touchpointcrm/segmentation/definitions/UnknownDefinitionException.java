package org.touchpointcrm.segmentation.definitions;

/** No segment definition has this id. */
public final class UnknownDefinitionException extends RuntimeException {

    UnknownDefinitionException(String id) {
        super("no segment definition has id '" + id + "'; GET /v1/segment-definitions lists them all");
    }
}
