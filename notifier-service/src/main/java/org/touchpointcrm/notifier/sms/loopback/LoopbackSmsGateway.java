package org.touchpointcrm.notifier.sms.loopback;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.notifier.sms.SmsWebhooks;
import org.touchpointcrm.notifier.sms.TwilioSignature;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.json.JsonMapper;

/**
 * An SMS gateway for the local stack and tests, shaped like Twilio's Messages resource: it sends nothing,
 * it records every message it accepts ({@link #messages()}, and {@code GET /loopback/messages} as JSON). It
 * honours the Idempotency-Key header (the same key answers the first message and records nothing new),
 * refuses a To that is not E.164 with 400 and Twilio's code 21211, and after accepting a message posts a
 * {@code delivered} status callback signed with the auth token like Twilio's.
 * Bound to the loopback interface only.
 */
public final class LoopbackSmsGateway implements AutoCloseable {

    public static final String MESSAGES_LISTING_PATH = "/loopback/messages";
    private static final int CALLBACK_ATTEMPTS = 10;
    private static final Duration CALLBACK_RETRY = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(LoopbackSmsGateway.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{1,14}");
    private static final Pattern MESSAGES = Pattern.compile("/2010-04-01/Accounts/([^/]+)/Messages\\.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One message the gateway accepted. */
    public record Message(String sid, String to, String from, String body, String statusCallback, String idempotencyKey,
            Instant acceptedAt) {
    }

    private final String accountSid;
    private final String authToken;
    private final HttpServer server;
    private final ScheduledExecutorService callbacks =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "loopback-sms-callbacks"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> answersByKey = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger failuresToAnswer = new AtomicInteger();
    private volatile int failureStatus = 503;

    /**
     * Starts the gateway on 127.0.0.1.
     *
     * @param port 0 for any free port
     */
    public LoopbackSmsGateway(int port, String accountSid, String authToken) throws IOException {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Where clients reach it, e.g. http://127.0.0.1:8086 (crm.notifier.sms.base-url). */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Every message accepted, in order. */
    public List<Message> messages() {
        return List.copyOf(messages);
    }

    /** Makes the next {@code count} message requests fail with {@code status} (e.g. 503, 429): an outage to retry through. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failuresToAnswer.set(count);
    }

    @Override
    public void close() {
        server.stop(0);
        callbacks.shutdown();
        try {
            if (!callbacks.awaitTermination(10, TimeUnit.SECONDS)) {
                callbacks.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            var messagesPath = MESSAGES.matcher(path);
            if ("GET".equals(exchange.getRequestMethod()) && MESSAGES_LISTING_PATH.equals(path)) {
                answer(exchange, 200, JSON.writeValueAsString(messages()));
            } else if ("POST".equals(exchange.getRequestMethod()) && messagesPath.matches()) {
                send(exchange, messagesPath.group(1));
            } else {
                answer(exchange, 404, error(20404, "The requested resource " + path + " was not found", 404));
            }
        }
    }

    private void send(HttpExchange exchange, String account) throws IOException {
        if (!account.equals(accountSid) || !authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
            answer(exchange, 401, error(20003, "Authenticate: wrong account or auth token", 401));
            return;
        }
        if (failuresToAnswer.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            answer(exchange, failureStatus, error(20500, "loopback gateway: simulated failure", failureStatus));
            return;
        }
        Map<String, String> form = form(exchange.getRequestBody());
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (key != null && answersByKey.containsKey(key)) {
            answer(exchange, 201, answersByKey.get(key));
            return;
        }
        String to = form.getOrDefault("To", "");
        if (!E164.matcher(to).matches()) {
            answer(exchange, 400, error(21211, "The 'To' number " + to + " is not a valid phone number.", 400));
            return;
        }
        var message = new Message("SM%032x".formatted(sequence.incrementAndGet()), to, form.get("From"), form.get("Body"),
                form.get("StatusCallback"), key, Instant.now());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sid", message.sid());
        body.put("account_sid", accountSid);
        body.put("to", message.to());
        body.put("from", message.from());
        body.put("body", message.body());
        body.put("status", "queued");
        String answer = JSON.writeValueAsString(body);
        synchronized (this) {
            if (key != null && answersByKey.containsKey(key)) {
                answer(exchange, 201, answersByKey.get(key));
                return;
            }
            messages.add(message);
            if (key != null) {
                answersByKey.put(key, answer);
            }
        }
        answer(exchange, 201, answer);
        if (message.statusCallback() != null && !message.statusCallback().isBlank()) {
            callbacks.execute(() -> delivered(message, 1));
        }
    }

    /**
     * The status callback Twilio would post once the handset has it. An answer other than 2xx (the notifier may
     * not have recorded the send yet and answers 503) is posted again later, up to {@value #CALLBACK_ATTEMPTS}
     * times, as providers retry their webhooks.
     */
    private void delivered(Message message, int attempt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", message.sid());
        form.put("MessageStatus", "delivered");
        form.put("AccountSid", accountSid);
        form.put("From", message.from());
        form.put("To", message.to());
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            var request = HttpRequest.newBuilder(URI.create(message.statusCallback()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header(SmsWebhooks.SIGNATURE_HEADER, TwilioSignature.sign(authToken, message.statusCallback(), form))
                    .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 != 2) {
                again(message, attempt, "answered " + status);
            }
        } catch (IOException e) {
            again(message, attempt, e.toString());
        } catch (IllegalArgumentException e) {
            log.warn("loopback SMS gateway: the status callback of {} to {} failed: {}", message.sid(), message.statusCallback(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void again(Message message, int attempt, String why) {
        if (attempt >= CALLBACK_ATTEMPTS || callbacks.isShutdown()) {
            log.warn("loopback SMS gateway: the status callback of {} to {} {}; given up after {} attempts", message.sid(),
                    message.statusCallback(), why, attempt);
            return;
        }
        callbacks.schedule(() -> delivered(message, attempt + 1), CALLBACK_RETRY.toMillis() * attempt, TimeUnit.MILLISECONDS);
    }

    private boolean authorised(String authorization) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return expected.equals(authorization);
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            form.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }

    private static String error(int code, String message, int status) {
        return JSON.writeValueAsString(Map.of("code", code, "message", message, "status", status));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
