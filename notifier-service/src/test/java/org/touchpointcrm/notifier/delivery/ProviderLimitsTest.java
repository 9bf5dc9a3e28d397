package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.subethamail.smtp.server.SMTPServer;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.links.SignedLinks;

/**
 * Each provider's limit against a real SMTP server on 127.0.0.1 (SubEthaSMTP) that counts the messages it takes
 * in each second of the clock.
 */
class ProviderLimitsTest {

    private static final int EMAILS_PER_SECOND = 20;

    private final Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();
    private final AtomicInteger received = new AtomicInteger();
    private SMTPServer server;
    private SmtpConnections connections;
    private EmailDelivery email;

    @BeforeEach
    void start() {
        server = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress())
                .messageHandler((context, from, to, data) -> {
                    perSecond.computeIfAbsent(Instant.now().getEpochSecond(), second -> new AtomicInteger()).incrementAndGet();
                    received.incrementAndGet();
                }).build();
        server.start();
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getPortAllocated());
        connections = new SmtpConnections(sender, 4);
        var properties = new DeliveryProperties("Touchpoint CRM <crm@touchpoint.example>", "touchpoint.example",
                new DeliveryProperties.Retry(1, Duration.ZERO, Duration.ZERO), Duration.ofSeconds(5));
        var links = new SignedLinks(new LinkProperties(URI.create("https://crm.example"), "a-secret-of-at-least-thirty-two-characters"));
        email = new EmailDelivery(connections, new EmailComposer(properties, links, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        connections.close();
        server.stop();
    }

    @Test
    void theRelaysLimitIsNeverExceededInAnySecondWhateverIsInFlight() {
        var limits = new ProviderLimits(new ThroughputProperties(4, new ThroughputProperties.Provider(EMAILS_PER_SECOND, 16),
                new ThroughputProperties.Provider(10, 2)));
        int messages = 3 * EMAILS_PER_SECOND + 10;

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < messages; i++) {
                int n = i;
                threads.execute(() -> limits.handOver(Channel.EMAIL, () -> email.handOver(message(Channel.EMAIL, n))));
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == messages);
        assertThat(perSecond.values()).allSatisfy(count -> assertThat(count.get()).isLessThanOrEqualTo(EMAILS_PER_SECOND));
        assertThat(perSecond).as("the messages spread over several seconds").hasSizeGreaterThanOrEqualTo(3);
        assertThat(connections.idle()).as("connections are reused, at most the pool's").isBetween(1, 4);
    }

    @Test
    void aStuckSmsGatewayDoesNotHoldTheEmailsBack() throws Exception {
        var limits = new ProviderLimits(new ThroughputProperties(4, new ThroughputProperties.Provider(1000, 8),
                new ThroughputProperties.Provider(1000, 2)));
        var gatewayAnswers = new CountDownLatch(1);
        var smsWaiting = new AtomicInteger();

        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10; i++) {
                threads.execute(() -> limits.handOver(Channel.SMS, () -> {
                    smsWaiting.incrementAndGet();
                    try {
                        gatewayAnswers.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "SM1";
                }));
            }
            for (int i = 0; i < 20; i++) {
                int n = i;
                threads.execute(() -> limits.handOver(Channel.EMAIL, () -> email.handOver(message(Channel.EMAIL, n))));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> received.get() == 20);
            assertThat(smsWaiting.get()).as("only the gateway's own places are taken by its stuck hand-overs").isEqualTo(2);
            gatewayAnswers.countDown();
        }
        assertThat(smsWaiting.get()).isEqualTo(10);
    }

    private static CampaignMessage message(Channel channel, int n) {
        return CampaignMessage.newBuilder().setMessageId("send-" + n).setCampaignId("welcome").setCustomerId("c-" + n)
                .setChannel(channel).setDecision(CampaignDecision.SEND).setRecipient("customer" + n + "@example.fi")
                .setSubject("Tervetuloa!").setTextBody("Hei").setSegmentId("new")
                .setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
