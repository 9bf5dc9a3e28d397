package org.touchpointcrm.notifier.templates;

/** A template rendered for one customer; subject and HTML body are null for an SMS. */
public record RenderedMessage(String subject, String htmlBody, String textBody) {
}
