package org.touchpointcrm.notifier.campaigns;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The send history store's value: one line per send, {@code <epoch millis> <campaign id>}. Internal to
 * the notifier (its changelog is read by nothing else), and campaign ids are kebab-case, so plain text
 * needs no schema.
 */
final class SendHistorySerde {

    private SendHistorySerde() {
    }

    static Serde<SendHistory> serde() {
        return Serdes.serdeFrom(serializer(), deserializer());
    }

    private static Serializer<SendHistory> serializer() {
        return (topic, history) -> history == null ? null : history.sends().stream()
                .map(s -> s.decidedAt().toEpochMilli() + " " + s.campaignId())
                .collect(Collectors.joining("\n"))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Deserializer<SendHistory> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            var sends = new ArrayList<SendHistory.Sent>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                int space = line.indexOf(' ');
                if (space < 1) {
                    throw new IllegalArgumentException("send history line '" + line + "' of topic " + topic
                            + " is not '<epoch millis> <campaign id>'; the store was written by another release");
                }
                sends.add(new SendHistory.Sent(line.substring(space + 1),
                        Instant.ofEpochMilli(Long.parseLong(line.substring(0, space)))));
            }
            return new SendHistory(sends);
        };
    }
}
