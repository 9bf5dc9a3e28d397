package org.touchpointcrm.notifier.delivery;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * @param profileQueryUrl    segmentation-streams' REST root, where the live profile (and its consents) is read
 * @param profileQueryApiKey the notifier's own key for it: segmentation-streams knows its SHA-256, with the
 *                           operation PROFILES_READ (docs/security.md, Routes and scopes). A secret: give it
 *                           from the environment ({@code CRM_NOTIFIER_PROFILEQUERYAPIKEY}), never in a file
 */
@Validated
@ConfigurationProperties("crm.notifier")
public record ProfileQueryProperties(@NotNull URI profileQueryUrl, @NotBlank String profileQueryApiKey) {
}
