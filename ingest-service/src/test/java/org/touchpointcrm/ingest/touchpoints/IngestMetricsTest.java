package org.touchpointcrm.ingest.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.NOW;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.purchase;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.webVisit;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.access.TouchpointPermissions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/** The rejected counter's field and reason tags, from the validators' own messages. */
class IngestMetricsTest {

    private static final ApiClient TILL = new ApiClient("tampere-till", Set.of(Channel.POS), Set.of(Operation.TOUCHPOINTS_WRITE));

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final IngestMetrics metrics = new IngestMetrics(registry);
    private final TouchpointValidator validator = new TouchpointValidator(Clock.fixed(NOW, ZoneOffset.UTC),
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @Test
    void aMissingFieldIsCountedAsMissing() {
        refuse(purchase().eventId(null));

        assertThat(rejected("eventId", "missing").count()).isEqualTo(1.0);
    }

    @Test
    void anOverlongFieldIsCountedAsTooLong() {
        refuse(purchase().eventId("x".repeat(TouchpointValidator.MAX_EVENT_ID_LENGTH + 1)));

        assertThat(rejected("eventId", "too-long").count()).isEqualTo(1.0);
    }

    @Test
    void aTimeOrAmountOutsideItsLimitsIsCountedAsOutOfRange() {
        refuse(purchase().occurredAt(NOW.plus(Duration.ofDays(1))));
        refuse(purchase().amount("-5.00"));

        assertThat(rejected("occurredAt", "out-of-range").count()).isEqualTo(1.0);
        assertThat(rejected("amount", "out-of-range").count()).isEqualTo(1.0);
    }

    @Test
    void aFieldThatTheTypeDoesNotHaveIsCountedAsNotForType() {
        refuse(purchase().rating(4));

        assertThat(rejected("rating", "not-for-type").count()).isEqualTo(1.0);
    }

    @Test
    void aValueThatIsNotOneOfTheAllowedIsCountedAsInvalidWithoutTheSendersText() {
        refuse(purchase().currency("XYZ"));
        refuse(purchase().channel("<script>"));

        assertThat(rejected("currency", "invalid").count()).isEqualTo(1.0);
        assertThat(registry.get(IngestMetrics.REJECTED).tag("field", "channel").tag("channel", "(invalid)")
                .tag("reason", "invalid").counter().count()).isEqualTo(1.0);
        assertThat(registry.getMeters()).allSatisfy(meter ->
                assertThat(meter.getId().getTags()).noneMatch(tag -> tag.getValue().contains("script") || tag.getValue().contains("XYZ")));
    }

    @Test
    void aBasketLinesIndexNeverBecomesATagValue() {
        refuse(purchase().lines(List.of(new TouchpointRequest.BasketLine("SKU-1", 1, new BigDecimal("1.00"), null),
                new TouchpointRequest.BasketLine(null, 1, new BigDecimal("1.00"), null))));

        assertThat(rejected("lines", "missing").count()).isEqualTo(1.0);
    }

    @Test
    void aBatchItemThatIsNotJsonIsCountedAsUnreadable() {
        BatchItem item = new BatchReader(JsonMapper.builder().build())
                .readNdjson(new ByteArrayInputStream("not json\n".getBytes(StandardCharsets.UTF_8)), -1).getFirst();

        metrics.rejected(TILL, null, List.of(item.unreadable()));

        assertThat(registry.get(IngestMetrics.REJECTED).tag("field", "(item)").tag("reason", "unreadable")
                .tag("channel", "(invalid)").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aChannelTheKeyMayNotSendIsCountedAsNotPermitted() {
        var request = webVisit().build();
        String refusal = TouchpointPermissions.refusal(TILL, validator.validate(request, TILL.name())).orElseThrow();

        metrics.rejected(TILL, request, List.of(new FieldViolation("channel", refusal)));

        assertThat(registry.get(IngestMetrics.REJECTED).tag("field", "channel").tag("reason", "not-permitted")
                .tag("channel", "WEB").counter().count()).isEqualTo(1.0);
    }

    private void refuse(TouchpointRequests.Builder request) {
        TouchpointRequest built = request.build();
        InvalidTouchpointException refused = catchThrowableOfType(InvalidTouchpointException.class,
                () -> validator.validate(built, TILL.name()));
        assertThat(refused).as("the request should have been refused").isNotNull();
        metrics.rejected(TILL, built, refused.violations());
    }

    private Counter rejected(String field, String reason) {
        return registry.get(IngestMetrics.REJECTED).tag("source", TILL.name()).tag("field", field).tag("reason", reason)
                .counter();
    }
}
