package org.touchpointcrm.notifier.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.delivery.DeliveryFailure;
import org.touchpointcrm.notifier.delivery.HandOver;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.platform.privacy.PersonalData;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Hands SMS to the gateway's Messages resource (Twilio's shape): form-encoded To, From, Body, StatusCallback,
 * HTTP basic auth, and the send id as Idempotency-Key, so a send handed over again (a retry after a timeout,
 * or after a crash left it at INTENT) answers the first message and sends nothing new.
 */
@Component
public class SmsGatewayClient implements HandOver {

    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/{accountSid}/Messages.json";
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The gateway's answer: the message's sid, or an error's code and message. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Answer(String sid, String status, Integer code, String message) {
    }

    /** The answer's JSON, or null when it is none (a proxy's HTML error page, an empty body): the status says enough. */
    private static Answer answer(java.util.function.Function<Class<Answer>, Answer> body) {
        try {
            return body.apply(Answer.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private final RestClient client;
    private final SmsGatewayProperties gateway;
    private final String statusCallback;

    public SmsGatewayClient(RestClient.Builder builder, SmsGatewayProperties gateway, LinkProperties links) {
        this.gateway = gateway;
        var requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        requests.setReadTimeout(READ_TIMEOUT);
        this.client = builder.clone().baseUrl(gateway.baseUrl().toString()).requestFactory(requests)
                .defaultHeaders(headers -> headers.setBasicAuth(gateway.accountSid(), gateway.authToken()))
                .build();
        this.statusCallback = UriComponentsBuilder.fromUri(links.baseUrl()).path(SmsWebhooks.STATUS_PATH).build().toUriString();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public String handOver(CampaignMessage message) {
        var form = new LinkedMultiValueMap<String, String>();
        form.setAll(Map.of("To", String.valueOf(message.getRecipient()), "From", gateway.from(),
                "Body", message.getTextBody() == null ? "" : message.getTextBody(), "StatusCallback", statusCallback));
        // Named by its send id; the gateway's texts may quote the number, so they are redacted (docs/security.md).
        String about = "SMS " + message.getMessageId() + ": ";
        try {
            return client.post().uri(MESSAGES_PATH, gateway.accountSid())
                    .header(IDEMPOTENCY_KEY, message.getMessageId())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        Answer answer = answer(response::bodyTo);
                        if (response.getStatusCode().is2xxSuccessful() && answer != null && answer.sid() != null) {
                            return answer.sid();
                        }
                        String said = answer == null ? "" : " code " + answer.code() + ": " + PersonalData.redact(answer.message(), message.getRecipient());
                        if (status == HttpStatus.TOO_MANY_REQUESTS.value() || response.getStatusCode().is5xxServerError()) {
                            throw DeliveryFailure.transientFailure(about + "the gateway answered " + status + said, null);
                        }
                        throw DeliveryFailure.permanent(about + "the gateway refused it with " + status + said
                                + "; check the number (E.164, e.g. +358401234567) and the gateway account", null);
                    });
        } catch (ResourceAccessException e) {
            Throwable cause = e.getMostSpecificCause();
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException) {
                throw DeliveryFailure.transientFailure(about + "the gateway at " + gateway.baseUrl() + " is not reachable ("
                        + PersonalData.redact(cause.toString(), message.getRecipient()) + ")", e);
            }
            // Broke off once sent: the idempotency key makes another attempt safe.
            if (cause instanceof IOException) {
                throw DeliveryFailure.brokeOff(DeliveryFailure.Kind.TRANSIENT, about + "the gateway did not answer ("
                        + PersonalData.redact(cause.toString(), message.getRecipient()) + "); the message may be with it", e);
            }
            throw DeliveryFailure.transientFailure(about + PersonalData.redact(e.getMessage(), message.getRecipient()), e);
        } catch (RestClientException e) {
            throw DeliveryFailure.brokeOff(DeliveryFailure.Kind.TRANSIENT, about + "the gateway's answer could not be read ("
                    + PersonalData.redact(e.getMostSpecificCause().toString(), message.getRecipient()) + ")", e);
        }
    }
}
