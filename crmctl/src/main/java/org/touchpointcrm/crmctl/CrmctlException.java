package org.touchpointcrm.crmctl;

/**
 * A failure the operator can act on: the message says what was asked, what went wrong and what to do.
 * crmctl prints it without a stack trace and exits with 1.
 */
public class CrmctlException extends RuntimeException {

    public CrmctlException(String message) {
        super(message);
    }

    public CrmctlException(String message, Throwable cause) {
        super(message, cause);
    }
}
