package org.touchpointcrm.crmctl.deadletters;

import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_PARTITION_NAME;
import static org.apache.kafka.streams.errors.internals.ExceptionHandlerUtils.HEADER_ERRORS_TOPIC_NAME;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.crmctl.CrmctlException;
import org.touchpointcrm.schemas.DeadLetterHeaders;
import org.touchpointcrm.schemas.Topics;

/** Which notifier dead letters a replay takes: those a provider could not take for a while, not those it refused. */
class ReplayTargetsTest {

    @Test
    void aMessageTheProviderRefusedForGoodIsRefusedWithTheReason() {
        var refused = notifierDeadLetter(7, DeadLetterHeaders.PERMANENT);

        assertThatThrownBy(() -> ReplayTargets.check(List.of(refused, notifierDeadLetter(8, "TRANSIENT"))))
                .isInstanceOf(CrmctlException.class)
                .hasMessageContaining("0:7").hasMessageNotContaining("0:8")
                .hasMessageContaining("refused this message for good")
                .hasMessageContaining("next decision");
    }

    @Test
    void aMessageThatFailedWhileTheProviderWasDownIsReplayed() {
        assertThatCode(() -> ReplayTargets.check(List.of(notifierDeadLetter(8, "TRANSIENT")))).doesNotThrowAnyException();
    }

    private static DeadLetter notifierDeadLetter(long offset, String kind) {
        var headers = new RecordHeaders()
                .add(HEADER_ERRORS_TOPIC_NAME, utf8(Topics.CAMPAIGN_MESSAGES.name()))
                .add(HEADER_ERRORS_PARTITION_NAME, utf8("3"))
                .add(DeadLetterHeaders.DELIVERY_FAILURE_KIND, utf8(kind));
        return new DeadLetter(Topics.DLQ_NOTIFIER.name(), new DeadLetterId(0, offset), Instant.parse("2026-11-23T10:00:00Z"),
                utf8("c-1"), new byte[] {0}, headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
