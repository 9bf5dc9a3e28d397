package org.touchpointcrm.segmentation.hygiene;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.touchpointcrm.schemas.Topics;

/** What Kafka Streams' dead-letter support wrote to crm.dlq.segmentation, for topology tests. */
public final class DeadLetterRecords {

    private DeadLetterRecords() {
    }

    public static TestOutputTopic<byte[], byte[]> topic(TopologyTestDriver driver) {
        return driver.createOutputTopic(Topics.DLQ_SEGMENTATION.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    /** A header's value as text, or null without it. */
    public static String header(TestRecord<byte[], byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
