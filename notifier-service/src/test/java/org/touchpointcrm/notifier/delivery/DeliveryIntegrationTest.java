package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.links.SignedLinks;
import org.touchpointcrm.notifier.sms.SmsGatewayClient;
import org.touchpointcrm.notifier.sms.SmsGatewayProperties;
import org.touchpointcrm.notifier.sms.TwilioSignature;
import org.touchpointcrm.notifier.sms.loopback.LoopbackSmsGateway;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.DeadLetterHeaders;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The delivery end to end against a real KRaft broker (ledger, touchpoints, dead letters), a real SMTP server
 * (GreenMail), the loopback SMS gateway and a stand-in profile query, all on 127.0.0.1.
 */
@EmbeddedKafka(brokerProperties = "log.cleaner.dedupe.buffer.size=8388608")
@ExtendWith(OutputCaptureExtension.class)
class DeliveryIntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();
    private static final String LOOPBACK = "127.0.0.1";
    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "loopback-auth-token";
    private static final String SECRET = "a-secret-of-at-least-thirty-two-characters";
    private static final ThroughputProperties THROUGHPUT = new ThroughputProperties(2,
            new ThroughputProperties.Provider(1000, 8), new ThroughputProperties.Provider(1000, 8));

    private EmbeddedKafkaBroker broker;
    private GreenMail smtp;
    private LoopbackSmsGateway gateway;
    private ProfileQueryStub profiles;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<DefaultKafkaProducerFactory<?, ?>> factories = new ArrayList<>();
    private final List<DeliveryLedger> ledgers = new ArrayList<>();
    private final String customer = "c-" + UUID.randomUUID();
    private SignedLinks links;
    private JavaMailSenderImpl mail;

    @BeforeAll
    static void topics() {
        EmbeddedKafkaCondition.getBroker().addTopicsWithResults(
                new NewTopic(Topics.DELIVERIES.name(), 1, (short) 1),
                new NewTopic(Topics.DLQ_NOTIFIER.name(), 1, (short) 1),
                new NewTopic(Topics.TOUCHPOINTS_EMAIL.name(), 1, (short) 1),
                new NewTopic(Topics.TOUCHPOINTS_SMS.name(), 1, (short) 1));
    }

    @BeforeEach
    void start() throws Exception {
        broker = EmbeddedKafkaCondition.getBroker();
        smtp = new GreenMail(new ServerSetup(0, LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        gateway = new LoopbackSmsGateway(0, ACCOUNT, TOKEN);
        profiles = new ProfileQueryStub();
        links = new SignedLinks(new LinkProperties(profiles.baseUrl(), SECRET));
        mail = new JavaMailSenderImpl();
        mail.setHost(LOOPBACK);
        mail.setPort(smtp.getSmtp().getPort());
    }

    @AfterEach
    void stop() {
        ledgers.forEach(DeliveryLedger::stop);
        factories.forEach(DefaultKafkaProducerFactory::destroy);
        gateway.close();
        profiles.close();
        smtp.stop();
    }

    @Test
    void consentWithdrawnBetweenDecisionAndDeliveryIsCancelledAndNothingIsSent() {
        profiles.consent(customer, "EMAIL/marketing", false);
        var message = email();

        var outcome = delivery().deliver(record(message));

        assertThat(outcome).contains(DeliveryOutcome.CANCELLED);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(ledgerStates(message.getMessageId())).containsExactly(DeliveryState.CANCELLED);
        assertThat(count(Channel.EMAIL, DeliveryOutcome.CANCELLED)).isEqualTo(1.0);
    }

    @Test
    void aProfileWithoutTheConsentIsCancelledToo() {
        profiles.consent(customer, "EMAIL/newsletter", true);

        assertThat(delivery().deliver(record(email()))).contains(DeliveryOutcome.CANCELLED);
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void emailArrivesAsMultipartWithTheSendIdAsMessageIdAndOneClickUnsubscribe() throws Exception {
        profiles.consent(customer, "EMAIL/marketing", true);
        var message = email();

        var outcome = delivery().deliver(record(message));

        assertThat(outcome).contains(DeliveryOutcome.SENT);
        MimeMessage received = single(smtp.getReceivedMessages());
        assertThat(received.getMessageID()).isEqualTo("<" + message.getMessageId() + "@touchpoint.example>");
        assertThat(received.getHeader("List-Unsubscribe")).singleElement().asString()
                .startsWith("<" + profiles.baseUrl() + "/l/unsubscribe/").endsWith(">");
        String token = received.getHeader("List-Unsubscribe")[0].replaceAll("^<.*/l/unsubscribe/|>$", "");
        assertThat(links.verifyUnsubscribe(token)).hasValueSatisfying(v -> assertThat(v.subject().sendId()).isEqualTo(message.getMessageId()));
        assertThat(received.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(0).getContent().toString()).contains("Hei Aino");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        String html = parts.getBodyPart(1).getContent().toString();
        assertThat(html).contains(profiles.baseUrl() + "/l/click/").doesNotContain("href=\"https://shop.example/offer\"")
                .contains("href=\"mailto:help@shop.example\"")
                .contains("src=\"" + profiles.baseUrl() + "/l/open/");
        assertThat(ledgerStates(message.getMessageId())).containsExactly(DeliveryState.INTENT, DeliveryState.SENT);
        assertThat(touchpoints(Topics.TOUCHPOINTS_EMAIL)).anySatisfy(t -> {
            assertThat(t.getType()).isEqualTo(TouchpointType.MESSAGE_SENT);
            assertThat(t.getMessageId()).isEqualTo(message.getMessageId());
        });
        assertThat(count(Channel.EMAIL, DeliveryOutcome.SENT)).isEqualTo(1.0);
    }

    @Test
    void aBatchIsDeliveredManyAtOnceEachMessageOnceAndEachCustomersInOrder() throws Exception {
        var records = new ArrayList<ConsumerRecord<String, CampaignMessage>>();
        for (int n = 0; n < 30; n++) {
            String who = customer + "-" + (n % 10);
            profiles.consent(who, "EMAIL/marketing", true);
            var message = message(Channel.EMAIL, "customer" + (n % 10) + "@example.fi").setCustomerId(who)
                    .setSubject("Viesti " + n).setTextBody("Hei").build();
            records.add(new ConsumerRecord<>(Topics.CAMPAIGN_MESSAGES.name(), 3, n, who, message));
        }

        new DeliverBatch(delivery(), 8, SERDES.value(Topics.CAMPAIGN_MESSAGES).deserializer()).deliver(records);

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(30);
        assertThat(java.util.Arrays.stream(received).map(m -> messageId(m)).distinct()).hasSize(30);
        for (int c = 0; c < 10; c++) {
            String to = "customer" + c + "@example.fi";
            List<String> subjects = new ArrayList<>();
            for (MimeMessage m : received) {
                if (m.getAllRecipients()[0].toString().equals(to)) {
                    subjects.add(m.getSubject());
                }
            }
            assertThat(subjects).as("customer %d's messages in offset order", c)
                    .containsExactly("Viesti " + c, "Viesti " + (c + 10), "Viesti " + (c + 20));
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSettledSendIsNotDeliveredAgain() {
        profiles.consent(customer, "EMAIL/marketing", true);
        var message = email();
        var delivery = delivery();

        delivery.deliver(record(message));
        var again = delivery.deliver(record(message));

        assertThat(again).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void smsGoesThroughTheGatewayWithTheSendIdAsIdempotencyKeyAndASignedStatusCallback() {
        profiles.consent(customer, "SMS/marketing", true);
        var message = sms("+358401234567");

        var outcome = delivery().deliver(record(message));

        assertThat(outcome).contains(DeliveryOutcome.SENT);
        var sent = single(gateway.messages());
        assertThat(sent.idempotencyKey()).isEqualTo(message.getMessageId());
        assertThat(sent.to()).isEqualTo("+358401234567");
        assertThat(sent.statusCallback()).isEqualTo(profiles.baseUrl() + "/sms/status");
        assertThat(ledger(message.getMessageId())).last().satisfies(entry -> {
            assertThat(entry.getState()).isEqualTo(DeliveryState.SENT);
            assertThat(entry.getProviderMessageId()).isEqualTo(sent.sid());
        });
        await().atMost(WITHIN).until(() -> !profiles.callbacks().isEmpty());
        var callback = profiles.callbacks().getFirst();
        assertThat(callback.form()).containsEntry("MessageSid", sent.sid()).containsEntry("MessageStatus", "delivered");
        assertThat(callback.signature()).isEqualTo(TwilioSignature.sign(TOKEN, callback.url(), callback.form()));
    }

    @Test
    void aTransientGatewayFailureIsRetriedAndSendsOneMessage() {
        profiles.consent(customer, "SMS/marketing", true);
        gateway.failNext(2, 503);
        var message = sms("+358401234567");

        var outcome = delivery().deliver(record(message));

        assertThat(outcome).contains(DeliveryOutcome.SENT);
        assertThat(gateway.messages()).hasSize(1);
        assertThat(ledger(message.getMessageId())).last().satisfies(entry -> assertThat(entry.getAttempts()).isEqualTo(3));
    }

    @Test
    void aPermanentFailureIsFailedDeadLetteredAndBounced() {
        profiles.consent(customer, "SMS/marketing", true);
        var message = sms("0401234567");
        var source = record(message);

        var outcome = delivery().deliver(source);

        assertThat(outcome).contains(DeliveryOutcome.FAILED);
        assertThat(gateway.messages()).isEmpty();
        assertThat(ledgerStates(message.getMessageId())).containsExactly(DeliveryState.INTENT, DeliveryState.FAILED);
        assertThat(ledger(message.getMessageId()).getLast().getDetail()).contains("21211");
        ConsumerRecord<byte[], byte[]> dead = deadLetter(message.getMessageId());
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_NAME)).isEqualTo(DeliveryFailure.class.getName());
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("21211");
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME)).isEqualTo(Topics.CAMPAIGN_MESSAGES.name());
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_OFFSET_NAME)).isEqualTo("42");
        assertThat(touchpoints(Topics.TOUCHPOINTS_SMS)).anySatisfy(t -> {
            assertThat(t.getType()).isEqualTo(TouchpointType.MESSAGE_BOUNCED);
            assertThat(t.getMessageId()).isEqualTo(message.getMessageId());
        });
        assertThat(count(Channel.SMS, DeliveryOutcome.FAILED)).isEqualTo(1.0);
    }

    @Test
    void aRefusedNumberIsInNoLogLineLedgerEntryDeadLetterOrBounce(CapturedOutput output) {
        profiles.consent(customer, "SMS/marketing", true);
        String number = "0401234567"; // not E.164, so the gateway refuses it, quoting it as given
        var message = sms(number);

        assertThat(delivery().deliver(record(message))).contains(DeliveryOutcome.FAILED);

        assertThat(ledger(message.getMessageId())).allSatisfy(entry -> assertThat(entry.getRecipient()).isNull())
                .last().satisfies(entry -> assertThat(entry.getDetail()).contains("21211").doesNotContain(number));
        ConsumerRecord<byte[], byte[]> dead = deadLetter(message.getMessageId());
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_EXCEPTION_MESSAGE_NAME)).contains("21211").doesNotContain(number);
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME)).contains("DeliveryFailure").doesNotContain(number);
        assertThat(touchpoints(Topics.TOUCHPOINTS_SMS)).filteredOn(t -> t.getType() == TouchpointType.MESSAGE_BOUNCED)
                .singleElement().satisfies(t -> assertThat(t.getAttributes().get("reason")).contains("21211").doesNotContain(number));
        assertThat(output.getAll()).contains(message.getMessageId()).doesNotContain(number);
    }

    @Test
    void anAddressThatCannotBeSentToIsInNoLogLineLedgerEntryOrDeadLetter(CapturedOutput output) {
        profiles.consent(customer, "EMAIL/marketing", true);
        String address = "aino virtanen@example.fi"; // the parser refuses it, quoting it in its exception
        var message = message(Channel.EMAIL, address).setSubject("Tervetuloa!").setTextBody("Hei Aino").build();

        assertThat(delivery().deliver(record(message))).contains(DeliveryOutcome.FAILED);

        assertThat(ledger(message.getMessageId())).allSatisfy(entry -> assertThat(entry.getRecipient()).isNull())
                .last().satisfies(entry -> assertThat(entry.getDetail()).contains(message.getMessageId()).doesNotContain(address));
        ConsumerRecord<byte[], byte[]> dead = deadLetter(message.getMessageId());
        assertThat(header(dead, ExceptionHandlerUtils.HEADER_ERRORS_STACKTRACE_NAME)).contains("AddressException")
                .doesNotContain(address).doesNotContain("example.fi");
        assertThat(output.getAll()).contains(message.getMessageId()).doesNotContain(address).doesNotContain("example.fi");
    }

    @Test
    void aReplayedDeadLetterIsDeliveredOnceAsANewAttemptOfTheSameSendIdRecordedAsSuch() {
        profiles.consent(customer, "SMS/marketing", true);
        gateway.failNext(10, 503); // the gateway is down for every attempt of the first delivery
        var message = sms("+358401234567");
        var delivery = delivery();
        var first = new ConsumerRecord<>(Topics.CAMPAIGN_MESSAGES.name(), 3, 42, message.getCustomerId(), message);
        first.headers().add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        byte[] original = SERDES.value(Topics.CAMPAIGN_MESSAGES).serializer().serialize(Topics.CAMPAIGN_MESSAGES.name(), message);
        assertThat(delivery.deliver(first, original)).contains(DeliveryOutcome.FAILED);
        ConsumerRecord<byte[], byte[]> dead = deadLetter(message.getMessageId());
        assertThat(dead.value()).as("the dead letter keeps the original bytes").isEqualTo(original);
        assertThat(header(dead, "traceparent")).as("and the original headers").isEqualTo("00-abc-def-01");
        assertThat(header(dead, DeadLetterHeaders.DELIVERY_FAILURE_KIND)).isEqualTo("TRANSIENT");
        gateway.failNext(0, 503); // the gateway is back

        // crmctl's replay: the dead letter's key, bytes and headers, marked with where it came from
        var replayed = new ConsumerRecord<>(Topics.CAMPAIGN_MESSAGES.name(), 3, 97, message.getCustomerId(), message);
        replayed.headers().add(DeadLetterHeaders.REPLAYED_FROM, (Topics.DLQ_NOTIFIER.name() + "/0/" + dead.offset())
                .getBytes(StandardCharsets.UTF_8));
        assertThat(delivery.deliver(replayed, dead.value())).contains(DeliveryOutcome.SENT);
        assertThat(delivery.deliver(replayed, dead.value())).as("the same replay read again").isEmpty();
        assertThat(delivery().deliver(replayed, dead.value())).as("by an instance that read the ledger anew").isEmpty();
        assertThat(delivery.deliver(first, original)).as("the original decision read again").isEmpty();

        assertThat(gateway.messages()).singleElement().satisfies(m -> assertThat(m.idempotencyKey()).isEqualTo(message.getMessageId()));
        List<Delivery> entries = ledger(message.getMessageId());
        assertThat(entries).extracting(Delivery::getState)
                .containsExactly(DeliveryState.INTENT, DeliveryState.FAILED, DeliveryState.INTENT, DeliveryState.SENT);
        assertThat(entries).extracting(Delivery::getReplayOf)
                .containsExactly(null, null, Topics.DLQ_NOTIFIER.name() + "/0/" + dead.offset(), Topics.DLQ_NOTIFIER.name() + "/0/" + dead.offset());
    }

    @Test
    void aReplayOfASendThatIsNotFailedDoesNothing() {
        profiles.consent(customer, "EMAIL/marketing", true);
        var message = email();
        var delivery = delivery();
        assertThat(delivery.deliver(record(message))).contains(DeliveryOutcome.SENT);

        var replayed = record(message);
        replayed.headers().add(DeadLetterHeaders.REPLAYED_FROM, (Topics.DLQ_NOTIFIER.name() + "/0/7").getBytes(StandardCharsets.UTF_8));

        assertThat(delivery.deliver(replayed)).isEmpty();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRefusalForGoodIsMarkedPermanentForCrmctl() {
        profiles.consent(customer, "SMS/marketing", true);
        var message = sms("0401234567");

        assertThat(delivery().deliver(record(message))).contains(DeliveryOutcome.FAILED);

        assertThat(header(deadLetter(message.getMessageId()), DeadLetterHeaders.DELIVERY_FAILURE_KIND)).isEqualTo("PERMANENT");
    }

    @Test
    void retriesUsedUpAreFailed() {
        profiles.consent(customer, "SMS/marketing", true);
        gateway.failNext(10, 429);
        var message = sms("+358401234567");

        assertThat(delivery().deliver(record(message))).contains(DeliveryOutcome.FAILED);
        assertThat(gateway.messages()).isEmpty();
        assertThat(ledger(message.getMessageId()).getLast().getAttempts()).isEqualTo(3);
        assertThat(deadLetter(message.getMessageId())).isNotNull();
    }

    @Test
    void aProfileQueryThatIsDownSendsNothing() {
        profiles.close();
        var message = email();

        assertThat(delivery().deliver(record(message))).contains(DeliveryOutcome.FAILED);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(ledgerStates(message.getMessageId())).containsExactly(DeliveryState.FAILED);
    }

    @Test
    void afterACrashBetweenHandOverAndOutcomeTheEmailIsUnknownAndTheSmsIsHandedOverAgainOnce() {
        profiles.consent(customer, "EMAIL/marketing", true);
        profiles.consent(customer, "SMS/marketing", true);
        var email = email();
        var sms = sms("+358401234567");
        // The instance before the crash: INTENT acknowledged, the message handed over, then nothing.
        var before = ledger();
        before.write(intent(email));
        before.write(intent(sms));
        mail.send(mime(email));
        smsClient().handOver(sms);
        before.stop();

        var restarted = delivery(); // a new ledger, read from the topic

        assertThat(restarted.deliver(record(email))).contains(DeliveryOutcome.UNKNOWN);
        assertThat(restarted.deliver(record(sms))).contains(DeliveryOutcome.SENT);
        assertThat(smtp.getReceivedMessages()).as("the e-mail was not sent a second time").hasSize(1);
        assertThat(gateway.messages()).as("the gateway recorded the SMS once").singleElement()
                .satisfies(m -> assertThat(m.idempotencyKey()).isEqualTo(sms.getMessageId()));
        assertThat(ledgerStates(email.getMessageId())).containsExactly(DeliveryState.INTENT, DeliveryState.UNKNOWN);
        // The resumed SMS records its intent again before handing it over again.
        assertThat(ledgerStates(sms.getMessageId())).containsExactly(DeliveryState.INTENT, DeliveryState.INTENT, DeliveryState.SENT);
        assertThat(count(Channel.EMAIL, DeliveryOutcome.UNKNOWN)).isEqualTo(1.0);
    }

    // --- wiring, as DeliveryConfiguration does it, with serdes that need no registry

    private DeliverCampaignMessage delivery() {
        var retry = new DeliveryProperties.Retry(3, Duration.ofMillis(1), Duration.ofMillis(5));
        var properties = new DeliveryProperties("Touchpoint CRM <crm@touchpoint.example>", "touchpoint.example", retry, WITHIN);
        var composer = new EmailComposer(properties, links, Clock.systemUTC());
        var consent = new DeliveryConsent(RestClient.builder(), new ProfileQueryProperties(profiles.baseUrl(), "test-key-notifier"));
        var deadLetters = new DeliveryDeadLetters(bytesTemplate(), SERDES.value(Topics.CAMPAIGN_MESSAGES).serializer(), WITHIN);
        return new DeliverCampaignMessage(ledger(), consent, List.of(new EmailDelivery(new SmtpConnections(mail, 2), composer), smsClient()),
                new DeliveryRetries(properties), deadLetters, new FeedbackTouchpoints(template()), new DeliveryMeters(registry),
                Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC), WITHIN, new ProviderLimits(THROUGHPUT));
    }

    private DeliveryLedger ledger() {
        Map<String, Object> config = consumerConfig();
        var ledger = new DeliveryLedger(template(), () -> new KafkaConsumer<>(config, new StringDeserializer(),
                SERDES.value(Topics.DELIVERIES).deserializer()), WITHIN);
        ledgers.add(ledger);
        ledger.start();
        return ledger;
    }

    private SmsGatewayClient smsClient() {
        return new SmsGatewayClient(RestClient.builder(), new SmsGatewayProperties(gateway.baseUrl(), ACCOUNT, TOKEN, "TOUCHPOINT"),
                new LinkProperties(profiles.baseUrl(), SECRET));
    }

    private MimeMessage mime(CampaignMessage message) {
        try {
            var properties = new DeliveryProperties("crm@touchpoint.example", "touchpoint.example",
                    new DeliveryProperties.Retry(1, Duration.ZERO, Duration.ZERO), WITHIN);
            return new EmailComposer(properties, links, Clock.systemUTC()).compose(mail.getSession(), message);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private KafkaTemplate<String, SpecificRecord> template() {
        Serializer<SpecificRecord> values = (topic, value) -> serializer(value).serialize(topic, value);
        var factory = new DefaultKafkaProducerFactory<>(producerConfig(), new StringSerializer(), values);
        factories.add(factory);
        return new KafkaTemplate<>(factory);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<SpecificRecord> serializer(SpecificRecord value) {
        return (Serializer) SERDES.avro((Class) value.getClass()).serializer();
    }

    private KafkaTemplate<byte[], byte[]> bytesTemplate() {
        var factory = new DefaultKafkaProducerFactory<>(producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        factories.add(factory);
        return new KafkaTemplate<>(factory);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return config;
    }

    // --- reading back what was written

    private List<Delivery> ledger(String sendId) {
        return read(Topics.DELIVERIES, SERDES.value(Topics.DELIVERIES).deserializer()).stream()
                .filter(r -> sendId.equals(r.key())).map(ConsumerRecord::value).toList();
    }

    private List<DeliveryState> ledgerStates(String sendId) {
        return ledger(sendId).stream().map(Delivery::getState).toList();
    }

    private List<TouchpointEvent> touchpoints(Topic<String, TouchpointEvent> topic) {
        return read(topic, SERDES.value(topic).deserializer()).stream().map(ConsumerRecord::value)
                .filter(t -> customer.equals(t.getCustomer().getCustomerId())).toList();
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(String sendId) {
        var messages = SERDES.value(Topics.CAMPAIGN_MESSAGES).deserializer();
        return this.<byte[], byte[]>read(Topics.DLQ_NOTIFIER, new ByteArrayDeserializer()).stream()
                .filter(r -> sendId.equals(messages.deserialize(Topics.CAMPAIGN_MESSAGES.name(), r.value()).getMessageId()))
                .findFirst().orElseThrow();
    }

    /** Everything in the topic's one partition up to its end now (every write here was acknowledged before). */
    private <K, V> List<ConsumerRecord<K, V>> read(Topic<?, ?> topic, Deserializer<V> values) {
        @SuppressWarnings("unchecked")
        Deserializer<K> keys = (Deserializer<K>) (topic.keyType() == String.class ? new StringDeserializer() : new ByteArrayDeserializer());
        try (var consumer = new KafkaConsumer<>(consumerConfig(), keys, values)) {
            var partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<K, V>> records = new ArrayList<>();
            await().atMost(WITHIN).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return consumer.position(partition) >= end;
            });
            return records;
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private double count(Channel channel, DeliveryOutcome outcome) {
        var counter = registry.find(DeliveryMeters.NAME).tag("channel", channel.name()).tag("outcome", outcome.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    private static <T> T single(T[] items) {
        assertThat(items).hasSize(1);
        return items[0];
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }

    // --- the decisions' messages

    private static ConsumerRecord<String, CampaignMessage> record(CampaignMessage message) {
        return new ConsumerRecord<>(Topics.CAMPAIGN_MESSAGES.name(), 3, 42, message.getCustomerId(), message);
    }

    private CampaignMessage email() {
        return message(Channel.EMAIL, "aino@example.fi")
                .setSubject("Tervetuloa!")
                .setTextBody("Hei Aino")
                .setHtmlBody("<p>Hei Aino, <a href=\"https://shop.example/offer\">tarjous</a>"
                        + " <a href=\"mailto:help@shop.example\">apua</a></p>")
                .build();
    }

    private CampaignMessage sms(String phone) {
        return message(Channel.SMS, phone).setTextBody("Hei Aino, tervetuloa!").build();
    }

    private CampaignMessage.Builder message(Channel channel, String recipient) {
        return CampaignMessage.newBuilder().setMessageId(UUID.randomUUID().toString()).setCampaignId("welcome")
                .setCustomerId(customer).setChannel(channel).setDecision(CampaignDecision.SEND).setRecipient(recipient)
                .setSegmentId("new-customers").setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z"))
                .setConsentPurpose("marketing").setLanguage("fi");
    }

    private static Delivery intent(CampaignMessage message) {
        return Delivery.newBuilder().setSendId(message.getMessageId()).setCampaignId(message.getCampaignId())
                .setCustomerId(message.getCustomerId()).setChannel(message.getChannel()).setRecipient(message.getRecipient())
                .setState(DeliveryState.INTENT).setAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
