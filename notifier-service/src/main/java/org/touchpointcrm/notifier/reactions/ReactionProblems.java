package org.touchpointcrm.notifier.reactions;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.touchpointcrm.access.Problems;

/** The reactions' refusals as RFC 9457 problems (the unsubscribe pages answer their own HTML). */
@RestControllerAdvice(basePackageClasses = ReactionProblems.class)
public class ReactionProblems {

    static final URI UNKNOWN_LINK = URI.create("https://touchpointcrm.org/problems/unknown-link");
    static final URI BAD_SIGNATURE = URI.create("https://touchpointcrm.org/problems/webhook-signature");
    static final URI BAD_WEBHOOK = URI.create("https://touchpointcrm.org/problems/webhook-refused");
    static final URI NOT_RECORDED = URI.create("https://touchpointcrm.org/problems/reaction-not-recorded");

    @ExceptionHandler(UnknownLinkException.class)
    ResponseEntity<ProblemDetail> unknownLink(UnknownLinkException e) {
        return Problems.answer(HttpStatus.NOT_FOUND, UNKNOWN_LINK, "Unknown link", e.getMessage());
    }

    @ExceptionHandler(WebhookSignatureException.class)
    ResponseEntity<ProblemDetail> badSignature(WebhookSignatureException e) {
        return Problems.answer(HttpStatus.FORBIDDEN, BAD_SIGNATURE, "Webhook signature refused", e.getMessage());
    }

    @ExceptionHandler(WebhookRefusedException.class)
    ResponseEntity<ProblemDetail> badWebhook(WebhookRefusedException e) {
        return Problems.answer(HttpStatus.BAD_REQUEST, BAD_WEBHOOK, "Webhook refused", e.getMessage());
    }

    @ExceptionHandler(UnknownSmsException.class)
    ResponseEntity<ProblemDetail> unknownSms(UnknownSmsException e) {
        return retryLater("SMS not known yet", e);
    }

    @ExceptionHandler(ReactionNotRecordedException.class)
    ResponseEntity<ProblemDetail> notRecorded(ReactionNotRecordedException e) {
        return retryLater("Reaction not recorded", e);
    }

    private static ResponseEntity<ProblemDetail> retryLater(String title, RuntimeException e) {
        return Problems.retryLater(5, NOT_RECORDED, title, e.getMessage());
    }
}
