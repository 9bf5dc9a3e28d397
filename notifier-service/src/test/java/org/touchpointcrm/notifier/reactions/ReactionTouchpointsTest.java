package org.touchpointcrm.notifier.reactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiKeyFilter;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.access.NotifierRoutes;
import org.touchpointcrm.notifier.delivery.DeliveryLedger;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.notifier.links.SignedLinks;
import org.touchpointcrm.notifier.sms.SmsGatewayProperties;
import org.touchpointcrm.notifier.sms.SmsWebhooks;
import org.touchpointcrm.notifier.sms.TwilioSignature;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topic;
import org.touchpointcrm.schemas.Topics;

import tools.jackson.databind.json.JsonMapper;

/**
 * Customers' reactions through the open routes (no API key, behind the real key filter) into the
 * touchpoint topics of a real KRaft broker: what is written, what is not, and what is refused. An
 * absence is shown with a barrier: a later event of the same customer (same partition) is read, and
 * nothing before it.
 */
@EmbeddedKafka(brokerProperties = {"log.cleaner.dedupe.buffer.size=8388608", "auto.create.topics.enable=false"})
class ReactionTouchpointsTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final String BASE_URL = "https://crm.example";
    private static final String AUTH_TOKEN = "test-gateway-auth-token";
    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();

    private static EmbeddedKafkaBroker broker;
    private static KafkaTemplate<String, SpecificRecord> kafka;
    private static KafkaConsumer<String, TouchpointEvent> touchpoints;
    private static DeliveryLedger ledger;
    private static final List<ConsumerRecord<String, TouchpointEvent>> read = new ArrayList<>();

    private static final SignedLinks links = new SignedLinks(
            new LinkProperties(URI.create(BASE_URL), "a-test-secret-of-at-least-32-characters"));
    private static final SmsSendIndex sends = new SmsSendIndex();
    private final MockMvcTester mvc;
    /** A send of its own per test, so tests sharing the broker never see each other's events. */
    private final String sendId = "send-" + UUID.randomUUID();
    private final LinkSubject email = new LinkSubject(sendId, "c-" + sendId, "welcome-new", Channel.EMAIL, "newsletter",
            Instant.parse("2026-11-23T10:00:00Z"));

    @BeforeAll
    static void startClients() throws Exception {
        broker = EmbeddedKafkaCondition.getBroker();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()))) {
            List<NewTopic> topics = List.of(Topics.TOUCHPOINTS_EMAIL, Topics.TOUCHPOINTS_SMS, Topics.DELIVERIES).stream()
                    .map(t -> new NewTopic(t.name(), 3, (short) 1)).toList();
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        Serializer<SpecificRecord> avro = (topic, record) -> serialize(topic, record);
        kafka = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), avro));
        touchpoints = new KafkaConsumer<>(consumerConfig(), SERDES.key(Topics.TOUCHPOINTS_EMAIL).deserializer(),
                SERDES.value(Topics.TOUCHPOINTS_EMAIL).deserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, TouchpointEvent> topic : List.of(Topics.TOUCHPOINTS_EMAIL, Topics.TOUCHPOINTS_SMS)) {
            touchpoints.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        touchpoints.assign(partitions);
        touchpoints.seekToBeginning(partitions);
        // The index is fed as in the application: by the delivery ledger following crm.deliveries.
        ledger = new DeliveryLedger(kafka, () -> new KafkaConsumer<>(consumerConfig(), SERDES.key(Topics.DELIVERIES).deserializer(),
                SERDES.value(Topics.DELIVERIES).deserializer()), Duration.ofSeconds(30));
        ledger.onEntry(sends::take);
        ledger.start();
    }

    @AfterAll
    static void stopClients() {
        ledger.stop();
        touchpoints.close();
        kafka.destroy();
    }

    ReactionTouchpointsTest() {
        var writer = new ReactionWriter(new FeedbackTouchpoints(kafka), kafka);
        var clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var gateway = new SmsGatewayProperties(URI.create("http://127.0.0.1:9"), "AC-test", AUTH_TOKEN, "TOUCHPOINT");
        var linkProperties = new LinkProperties(URI.create(BASE_URL), "a-test-secret-of-at-least-32-characters");
        var keys = new ApiKeys(() -> List.<AccessProperties.Key>of());
        mvc = MockMvcTester.of(List.of(new LinkReactionsController(links, writer, clock),
                        new SmsWebhookController(gateway, linkProperties, sends, writer, clock)),
                standalone -> standalone.setControllerAdvice(new ReactionProblems())
                        .addFilters(new ApiKeyFilter(keys, NotifierRoutes.ROUTES, JsonMapper.builder().build())).build());
    }

    @Test
    void aOneClickPostWithAValidTokenWritesUnsubscribedForTheMessagesChannelPurposeAndCustomer() {
        MvcTestResult answered = oneClick(path(links.unsubscribeUrl(email)));

        assertThat(answered).hasStatusOk();
        var unsubscribed = awaitEvent(e -> sendId.equals(e.value().getMessageId()));
        assertThat(unsubscribed.topic()).isEqualTo(Topics.TOUCHPOINTS_EMAIL.name());
        assertThat(unsubscribed.key()).isEqualTo(email.customerId());
        assertThat(unsubscribed.value().getType()).isEqualTo(TouchpointType.UNSUBSCRIBED);
        assertThat(unsubscribed.value().getChannel()).isEqualTo(Channel.EMAIL);
        assertThat(unsubscribed.value().getConsentPurpose()).isEqualTo("newsletter");
        assertThat(unsubscribed.value().getCustomer().getCustomerId()).isEqualTo(email.customerId());
        assertThat(unsubscribed.value().getAttributes()).containsEntry(FeedbackTouchpoints.CAMPAIGN_ATTRIBUTE, "welcome-new");
        assertThat(unsubscribed.value().getMessageSentAt()).as("bound to the message, not to the click")
                .isEqualTo(email.sentAt());
    }

    @Test
    void aGetAsksForConfirmationWithAFormThatPostsAndUnsubscribesNobody() {
        String path = path(links.unsubscribeUrl(email));

        MvcTestResult page = mvc.get().uri(path).exchange();

        assertThat(page).hasStatusOk().hasContentTypeCompatibleWith(MediaType.TEXT_HTML);
        assertThat(page).bodyText().contains("method=\"post\"", "name=\"List-Unsubscribe\" value=\"One-Click\"");
        // Barrier: the open that follows is read, and no UNSUBSCRIBED came before it.
        assertThat(mvc.get().uri(path(links.openUrl(email))).exchange()).hasStatusOk();
        awaitEvent(e -> sendId.equals(e.value().getMessageId()) && e.value().getType() == TouchpointType.MESSAGE_OPENED);
        assertThat(eventsOf(sendId)).extracting(TouchpointEvent::getType).containsExactly(TouchpointType.MESSAGE_OPENED);
    }

    @Test
    void anEditedUnsubscribeTokenIsRefusedAndUnsubscribesNobody() {
        var other = new LinkSubject(sendId, "someone-else", "welcome-new", Channel.EMAIL, "newsletter");
        String genuine = token(links.unsubscribeUrl(email));
        String forged = token(links.unsubscribeUrl(other)).split("\\.")[0] + "." + genuine.split("\\.")[1];

        assertThat(oneClick(SignedLinks.UNSUBSCRIBE_PATH + forged)).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.get().uri(SignedLinks.UNSUBSCRIBE_PATH + forged).exchange()).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(oneClick(SignedLinks.UNSUBSCRIBE_PATH + genuine.replace('.', 'x'))).hasStatus(HttpStatus.NOT_FOUND);
        // An open link is not an unsubscribe link either, though signed by us.
        assertThat(oneClick(SignedLinks.UNSUBSCRIBE_PATH + token(links.openUrl(email)).replace(".gif", "")))
                .hasStatus(HttpStatus.NOT_FOUND);

        assertThat(mvc.get().uri(path(links.openUrl(email))).exchange()).hasStatusOk();
        awaitEvent(e -> sendId.equals(e.value().getMessageId()));
        assertThat(eventsOf(sendId)).extracting(TouchpointEvent::getType).containsExactly(TouchpointType.MESSAGE_OPENED);
    }

    @Test
    void theOpenPixelIsATransparentGifNeverCachedAndEachLoadIsTheSameEvent() {
        MvcTestResult first = mvc.get().uri(path(links.openUrl(email))).exchange();
        MvcTestResult again = mvc.get().uri(path(links.openUrl(email))).exchange();

        assertThat(first).hasStatusOk().hasContentType(MediaType.IMAGE_GIF);
        assertThat(first.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        assertThat(first.getResponse().getContentAsByteArray()).startsWith("GIF89a".getBytes());
        assertThat(again).hasStatusOk();
        await().atMost(WITHIN).until(() -> eventsOf(sendId).size() == 2);
        assertThat(eventsOf(sendId)).allSatisfy(e -> {
            assertThat(e.getType()).isEqualTo(TouchpointType.MESSAGE_OPENED);
            assertThat(e.getCustomer().getCustomerId()).isEqualTo(email.customerId());
        }).extracting(TouchpointEvent::getEventId).containsOnly(eventsOf(sendId).getFirst().getEventId());
    }

    @Test
    void aPixelWithAForeignTokenIsStillAnImageButCountsNothing() {
        MvcTestResult answered = mvc.get().uri(SignedLinks.OPEN_PATH + "not-ours.c2lnbmF0dXJl.gif").exchange();

        assertThat(answered).hasStatusOk().hasContentType(MediaType.IMAGE_GIF);
        assertThat(oneClick(path(links.unsubscribeUrl(email)))).hasStatusOk();
        awaitEvent(e -> sendId.equals(e.value().getMessageId()));
        assertThat(eventsOf(sendId)).extracting(TouchpointEvent::getType).containsExactly(TouchpointType.UNSUBSCRIBED);
    }

    @Test
    void aClickIsCountedWithItsUrlAndRedirectsToTheSignedTargetOnly() {
        String target = "https://shop.example/winter?utm_campaign=welcome-new";
        String genuine = token(links.clickUrl(email, target));

        MvcTestResult clicked = mvc.get().uri(SignedLinks.CLICK_PATH + genuine).exchange();

        assertThat(clicked).hasStatus(HttpStatus.FOUND).hasHeader(HttpHeaders.LOCATION, target);
        var event = awaitEvent(e -> sendId.equals(e.value().getMessageId()));
        assertThat(event.value().getType()).isEqualTo(TouchpointType.MESSAGE_CLICKED);
        assertThat(event.value().getAttributes()).containsEntry("url", target);

        String elsewhere = token(links.clickUrl(email, "https://evil.example/")).split("\\.")[0] + "." + genuine.split("\\.")[1];
        MvcTestResult refused = mvc.get().uri(SignedLinks.CLICK_PATH + elsewhere).exchange();
        assertThat(refused).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getResponse().getHeader(HttpHeaders.LOCATION)).isNull();
    }

    @Test
    void anSmsStopWithAValidSignatureIsAReplyAndWithdrawsSmsMarketingByPhone() {
        String phone = phone();
        MvcTestResult answered = webhook(SmsWebhooks.INBOUND_PATH, Map.of("MessageSid", "SM" + sendId, "From", phone,
                "To", "+358400000000", "Body", "  lopeta "), AUTH_TOKEN);

        assertThat(answered).hasStatusOk();
        await().atMost(WITHIN).until(() -> eventsOfPhone(phone).size() == 2);
        assertThat(eventsOfPhone(phone)).extracting(TouchpointEvent::getType)
                .containsExactly(TouchpointType.SMS_REPLY, TouchpointType.UNSUBSCRIBED);
        assertThat(eventsOfPhone(phone)).allSatisfy(e -> {
            assertThat(e.getChannel()).isEqualTo(Channel.SMS);
            assertThat(e.getCustomer().getCustomerId()).isNull();
        });
        assertThat(eventsOfPhone(phone).getFirst().getText()).isEqualTo("  lopeta ");
        assertThat(eventsOfPhone(phone).getLast().getConsentPurpose()).isEqualTo("marketing");
    }

    @Test
    void aWebhookWithABadSignatureIsRefusedWith403AndRecordsNothing() {
        String phone = phone();
        Map<String, String> stop = Map.of("MessageSid", "SM1" + sendId, "From", phone, "Body", "STOP");

        assertThat(webhook(SmsWebhooks.INBOUND_PATH, stop, "not-the-auth-token")).hasStatus(HttpStatus.FORBIDDEN);
        assertThat(mvc.post().uri(SmsWebhooks.INBOUND_PATH).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("MessageSid", "SM1" + sendId).param("From", phone).param("Body", "STOP").exchange())
                .hasStatus(HttpStatus.FORBIDDEN);

        assertThat(webhook(SmsWebhooks.INBOUND_PATH, Map.of("MessageSid", "SM2" + sendId, "From", phone, "Body", "Kiitos"),
                AUTH_TOKEN)).hasStatusOk();
        await().atMost(WITHIN).until(() -> !eventsOfPhone(phone).isEmpty());
        assertThat(eventsOfPhone(phone)).singleElement().satisfies(e -> {
            assertThat(e.getType()).isEqualTo(TouchpointType.SMS_REPLY);
            assertThat(e.getText()).isEqualTo("Kiitos");
        });
    }

    @Test
    void aWebhookUrlWithAQueryIsSignedWithItsQueryAndOnlyThePostedParameters() {
        String phone = phone();
        Map<String, String> reply = Map.of("MessageSid", "SM3" + sendId, "From", phone, "Body", "Kiitos");

        assertThat(webhook(SmsWebhooks.INBOUND_PATH + "?tenant=fi", reply, AUTH_TOKEN)).hasStatusOk();
        await().atMost(WITHIN).until(() -> !eventsOfPhone(phone).isEmpty());
        assertThat(eventsOfPhone(phone)).singleElement().satisfies(e -> assertThat(e.getText()).isEqualTo("Kiitos"));
    }

    @Test
    void aDeliveredStatusCallbackIsMessageDeliveredForTheSendTheLedgerNames() throws Exception {
        String sid = "SM" + sendId.replace("-", "");
        assertThat(webhook(SmsWebhooks.STATUS_PATH, Map.of("MessageSid", sid, "MessageStatus", "delivered"), AUTH_TOKEN))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE).hasHeader(HttpHeaders.RETRY_AFTER, "5");

        kafka.send(Topics.DELIVERIES.name(), sendId, Delivery.newBuilder().setSendId(sendId).setCampaignId("win-back")
                .setCustomerId("c-" + sendId).setChannel(Channel.SMS).setRecipient("+358401234567")
                .setState(DeliveryState.SENT).setAttempts(1).setAt(NOW).setProviderMessageId(sid).build())
                .get(30, TimeUnit.SECONDS);
        await().atMost(WITHIN).until(() -> sends.find(sid).isPresent());

        assertThat(webhook(SmsWebhooks.STATUS_PATH, Map.of("MessageSid", sid, "MessageStatus", "sent"), AUTH_TOKEN))
                .hasStatus(HttpStatus.NO_CONTENT);
        assertThat(webhook(SmsWebhooks.STATUS_PATH, Map.of("MessageSid", sid, "MessageStatus", "delivered"), AUTH_TOKEN))
                .hasStatus(HttpStatus.NO_CONTENT);
        var delivered = awaitEvent(e -> sendId.equals(e.value().getMessageId()));
        assertThat(delivered.topic()).isEqualTo(Topics.TOUCHPOINTS_SMS.name());
        assertThat(delivered.value().getType()).isEqualTo(TouchpointType.MESSAGE_DELIVERED);
        assertThat(delivered.value().getCustomer().getCustomerId()).isEqualTo("c-" + sendId);
        assertThat(delivered.value().getAttributes()).containsEntry(FeedbackTouchpoints.CAMPAIGN_ATTRIBUTE, "win-back");
        assertThat(eventsOf(sendId)).hasSize(1);
    }

    private MvcTestResult oneClick(String path) {
        return mvc.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("List-Unsubscribe", "One-Click").exchange();
    }

    private MvcTestResult webhook(String path, Map<String, String> form, String signedWith) {
        Map<String, List<String>> parameters = new HashMap<>();
        form.forEach((name, value) -> parameters.put(name, List.of(value)));
        var request = mvc.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(SmsWebhooks.SIGNATURE_HEADER, TwilioSignature.of(signedWith, BASE_URL + path, parameters));
        form.forEach(request::param);
        return request.exchange();
    }

    private String phone() {
        return "+35840" + String.format("%07d", Math.floorMod(sendId.hashCode(), 10_000_000));
    }

    private static String path(String url) {
        return URI.create(url).getRawPath();
    }

    private static String token(String url) {
        String path = path(url);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static ConsumerRecord<String, TouchpointEvent> awaitEvent(Predicate<ConsumerRecord<String, TouchpointEvent>> which) {
        return await().atMost(WITHIN).until(() -> poll().stream().filter(which).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    private static List<TouchpointEvent> eventsOf(String sendId) {
        return poll().stream().map(ConsumerRecord::value).filter(e -> sendId.equals(e.getMessageId())).toList();
    }

    private static List<TouchpointEvent> eventsOfPhone(String phone) {
        return poll().stream().map(ConsumerRecord::value).filter(e -> phone.equals(e.getCustomer().getPhone())).toList();
    }

    /** Everything read so far, after one more poll. */
    private static synchronized List<ConsumerRecord<String, TouchpointEvent>> poll() {
        touchpoints.poll(Duration.ofMillis(200)).forEach(read::add);
        return List.copyOf(read);
    }

    private static Map<String, Object> consumerConfig() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] serialize(String topic, SpecificRecord record) {
        return SERDES.avro((Class) record.getClass()).serializer().serialize(topic, record);
    }
}
