package org.touchpointcrm.notifier.reactions;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.sms.SmsGatewayProperties;
import org.touchpointcrm.notifier.sms.SmsWebhooks;
import org.touchpointcrm.notifier.sms.TwilioSignature;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The SMS gateway's webhooks: delivery receipts and customers' replies. Only calls signed with the
 * account's auth token are taken (403 otherwise); the signature covers the URL the gateway was given,
 * which is {@code crm.notifier.links.base-url} plus the path, whatever proxy the call came through.
 */
@Hidden // called by the gateway, not by people
@RestController
public class SmsWebhookController {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** An empty TwiML answer: no reply is sent back to the customer. */
    private static final String NO_REPLY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final SmsGatewayProperties gateway;
    private final LinkProperties links;
    private final SmsSendIndex sends;
    private final ReactionWriter writer;
    private final Clock clock;

    public SmsWebhookController(SmsGatewayProperties gateway, LinkProperties links, SmsSendIndex sends, ReactionWriter writer,
                                Clock clock) {
        this.gateway = gateway;
        this.links = links;
        this.sends = sends;
        this.writer = writer;
        this.clock = clock;
    }

    /** A reply: SMS_REPLY with its text; a stop word also withdraws SMS marketing consent. */
    @PostMapping(path = SmsWebhooks.INBOUND_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_XML_VALUE)
    public String inbound(HttpServletRequest request,
                          @RequestHeader(name = SmsWebhooks.SIGNATURE_HEADER, required = false) String signature) {
        Map<String, List<String>> form = verified(request, SmsWebhooks.INBOUND_PATH, signature);
        String sid = required(form, "MessageSid");
        String from = required(form, "From");
        if (!E164.matcher(from).matches()) {
            throw new WebhookRefusedException("From '" + from + "' is not an E.164 phone number (e.g. +358401234567);"
                    + " configure the gateway to send numbers in E.164");
        }
        String body = first(form, "Body");
        writer.fromIdentifier(SmsReplies.reply(sid, from, body, clock.instant()));
        if (StopWords.isStop(body)) {
            writer.fromIdentifier(SmsReplies.stop(sid, from, clock.instant()));
        }
        return NO_REPLY;
    }

    /**
     * A delivery receipt: {@code delivered} becomes MESSAGE_DELIVERED, {@code undelivered} and
     * {@code failed} MESSAGE_BOUNCED (with the gateway's ErrorCode); the statuses before those
     * (queued, sending, sent) record nothing.
     */
    @PostMapping(path = SmsWebhooks.STATUS_PATH, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    public ResponseEntity<Void> status(HttpServletRequest request,
                                       @RequestHeader(name = SmsWebhooks.SIGNATURE_HEADER, required = false) String signature) {
        Map<String, List<String>> form = verified(request, SmsWebhooks.STATUS_PATH, signature);
        String sid = required(form, "MessageSid");
        TouchpointType type = switch (required(form, "MessageStatus")) {
            case "delivered" -> TouchpointType.MESSAGE_DELIVERED;
            case "undelivered", "failed" -> TouchpointType.MESSAGE_BOUNCED;
            default -> null;
        };
        if (type != null) {
            var send = sends.find(sid).orElseThrow(() -> new UnknownSmsException(sid));
            String errorCode = first(form, "ErrorCode");
            Map<String, String> attributes = type == TouchpointType.MESSAGE_BOUNCED && errorCode != null
                    ? Map.of("errorCode", errorCode) : Map.of();
            writer.aboutMessage(FeedbackTouchpoints.about(send, type, "", clock.instant(), attributes));
        }
        return ResponseEntity.noContent().build();
    }

    private Map<String, List<String>> verified(HttpServletRequest request, String path, String signature) {
        var uri = UriComponentsBuilder.fromUri(links.baseUrl()).path(path).query(request.getQueryString()).build();
        // The servlet mixes the URL's query into the parameters; only the POSTed ones are signed as parameters.
        Set<String> query = uri.getQueryParams().keySet();
        Map<String, List<String>> form = request.getParameterMap().entrySet().stream()
                .filter(e -> !query.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Arrays.asList(e.getValue())));
        String url = uri.toUriString();
        if (!TwilioSignature.matches(signature, gateway.authToken(), url, form)) {
            throw new WebhookSignatureException(url);
        }
        return form;
    }

    private static String required(Map<String, List<String>> form, String name) {
        String value = first(form, name);
        if (value == null || value.isBlank()) {
            throw new WebhookRefusedException(name + " is missing; the gateway's webhooks send it with every call");
        }
        return value;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
