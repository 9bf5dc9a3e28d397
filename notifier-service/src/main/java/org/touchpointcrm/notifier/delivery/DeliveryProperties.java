package org.touchpointcrm.notifier.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * @param sender        the From address of campaign e-mail
 * @param messageIdHost the right-hand side of every Message-ID, e.g. the sending domain
 */
@Validated
@ConfigurationProperties("crm.notifier.delivery")
public record DeliveryProperties(@NotBlank String sender, @NotBlank String messageIdHost) {
}
