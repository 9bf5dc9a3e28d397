package org.touchpointcrm.notifier.sms;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * The SMS gateway, Twilio-shaped (its Messages resource, status callbacks and inbound-message webhooks,
 * signed with X-Twilio-Signature): docs/campaigns.md, "SMS gateway".
 *
 * @param baseUrl    the gateway's API root, e.g. https://api.twilio.com (the local stack's loopback gateway)
 * @param accountSid the account the messages are sent under
 * @param authToken  the account's secret: HTTP basic password of the API calls, and the key webhooks are signed with
 * @param from       the sender: an E.164 number or an alphanumeric sender id
 */
@Validated
@ConfigurationProperties("crm.notifier.sms")
public record SmsGatewayProperties(@NotNull URI baseUrl, @NotBlank String accountSid, @NotBlank String authToken,
        @NotBlank String from) {
}
