package org.touchpointcrm.crmctl.deadletters;

/** Stands for segmentation-streams' exception of the same name: a record that breaks an input rule. */
class RejectedRecordException extends RuntimeException {

    RejectedRecordException(String message) {
        super(message);
    }
}
