package org.touchpointcrm.notifier.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.delivery.DeliveryFailure;
import org.touchpointcrm.notifier.links.LinkProperties;
import org.touchpointcrm.notifier.sms.loopback.LoopbackSmsGateway;

/** The SMS adapter against the loopback gateway: the Twilio shape both sides speak. */
class LoopbackSmsGatewayTest {

    private static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "loopback-auth-token";

    private LoopbackSmsGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new LoopbackSmsGateway(0, ACCOUNT, TOKEN);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void theSameIdempotencyKeyAnswersTheFirstMessageAndRecordsNothingNew() {
        var client = client(TOKEN);

        String first = client.handOver(message("send-1", "+358401234567"));
        String again = client.handOver(message("send-1", "+358401234567"));
        String other = client.handOver(message("send-2", "+358401234567"));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(gateway.messages()).extracting(LoopbackSmsGateway.Message::idempotencyKey).containsExactly("send-1", "send-2");
    }

    @Test
    void aNumberThatIsNotE164IsRefusedForGoodWithCode21211() {
        var client = client(TOKEN);

        assertThatThrownBy(() -> client.handOver(message("send-1", "040 123 4567")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("400").hasMessageContaining("21211");
        assertThat(gateway.messages()).isEmpty();
    }

    @Test
    void aWrongAuthTokenIsRefusedForGood() {
        assertThatThrownBy(() -> client("wrong").handOver(message("send-1", "+358401234567")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isTransient()).isFalse())
                .hasMessageContaining("401");
        assertThat(gateway.messages()).isEmpty();
    }

    @Test
    void overloadIsTransient() {
        gateway.failNext(1, 429);

        assertThatThrownBy(() -> client(TOKEN).handOver(message("send-1", "+358401234567")))
                .isInstanceOfSatisfying(DeliveryFailure.class, f -> assertThat(f.isTransient()).isTrue());
    }

    @Test
    void theRecordedMessagesAreListedAsJson() {
        client(TOKEN).handOver(message("send-1", "+358401234567"));

        String listing = RestClient.create(gateway.baseUrl().toString()).get()
                .uri(LoopbackSmsGateway.MESSAGES_LISTING_PATH).retrieve().body(String.class);

        assertThat(listing).contains("\"to\":\"+358401234567\"", "\"idempotencyKey\":\"send-1\"", "\"body\":\"Hei Aino\"");
    }

    private SmsGatewayClient client(String token) {
        // Nobody listens at the callback address: the gateway's callback fails and is only logged.
        return new SmsGatewayClient(RestClient.builder(), new SmsGatewayProperties(gateway.baseUrl(), ACCOUNT, token, "TOUCHPOINT"),
                new LinkProperties(URI.create("http://127.0.0.1:9"), "a-secret-of-at-least-thirty-two-characters"));
    }

    private static CampaignMessage message(String sendId, String phone) {
        return CampaignMessage.newBuilder().setMessageId(sendId).setCampaignId("welcome").setCustomerId("c-1")
                .setChannel(Channel.SMS).setDecision(CampaignDecision.SEND).setRecipient(phone).setTextBody("Hei Aino")
                .setSegmentId("new-customers").setProfileVersion(1).setDecidedAt(Instant.parse("2026-11-23T10:00:00Z")).build();
    }
}
