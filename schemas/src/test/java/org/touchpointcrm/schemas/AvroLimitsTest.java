package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.SystemLimitException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;

/** A record cannot make the reader allocate more than a record can hold (found by InputTopicsFuzzTest). */
class AvroLimitsTest {

    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();
    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    /** Avro's own cap without {@link AvroLimits}: 2^31 - 9. */
    private static final long AVRO_DEFAULT_MAX = Integer.MAX_VALUE - 8;

    @Test
    void aStringDeclaringGigabytesIsRefusedBeforeItIsAllocated() {
        byte[] value = concat(zigZag(AVRO_DEFAULT_MAX), "r-1".getBytes());

        assertThatThrownBy(() -> SERDES.value(Topics.ERASURE_REQUESTS).deserializer().deserialize("t", value))
                .isInstanceOf(SerializationException.class).hasRootCauseInstanceOf(SystemLimitException.class);
    }

    @Test
    void aListDeclaringTwoBillionItemsIsRefusedBeforeItIsAllocated() {
        SegmentDefinition definition = SegmentDefinition.newBuilder().setId("a").setName("b").setRule("true")
                .setOwner("o").setVersion(1).setStatus(SegmentStatus.ACTIVE).setFieldsRead(List.of())
                .setCreatedAt(T0).setChangedAt(T0).build();
        byte[] valid = SERDES.value(Topics.SEGMENT_DEFINITIONS).serializer().serialize("t", definition);
        // fieldsRead is empty: its block count, 0, is the byte before the two timestamps (6 bytes each here).
        int countAt = valid.length - 13;
        assertThat(valid[countAt]).isZero();
        byte[] value = concat(Arrays.copyOf(valid, countAt), zigZag(AVRO_DEFAULT_MAX));

        assertThatThrownBy(() -> SERDES.value(Topics.SEGMENT_DEFINITIONS).deserializer().deserialize("t", value))
                .isInstanceOf(SerializationException.class).hasRootCauseInstanceOf(SystemLimitException.class);
    }

    @Test
    void aValueAsLongAsARecordMayBeStillDecodes() {
        String reason = "x".repeat(AvroLimits.MAX_LENGTH - 100);
        ErasureRequest request = ErasureRequest.newBuilder().setRequestId("r-1").setCustomerId("c-1")
                .setRequestedAt(T0).setSource("crm-team").setReason(reason).build();
        var serde = SERDES.value(Topics.ERASURE_REQUESTS);

        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", request)).getReason())
                .isEqualTo(reason);
    }

    /** Avro's variable-length zig-zag encoding of a long. */
    private static byte[] zigZag(long n) {
        long z = (n << 1) ^ (n >> 63);
        var out = new ByteArrayOutputStream();
        while ((z & ~0x7FL) != 0) {
            out.write((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.write((int) z);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
