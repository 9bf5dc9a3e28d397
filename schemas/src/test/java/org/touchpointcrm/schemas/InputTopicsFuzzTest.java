package org.touchpointcrm.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.touchpointcrm.avro.BasketLine;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.CampaignTrigger;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Company;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.avro.ErasureRequest;
import org.touchpointcrm.avro.FrequencyCap;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.fixtures.Touchpoints;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The value bytes of a record on any topic the services read, after the wire header (magic byte and
 * schema id) that the registry resolves: they decode into the topic's record with the reader the
 * serdes use ({@link SchemaIdentityDatumProvider}, specific records), or are refused with an exception
 * that Kafka Streams hands to the deserialization handler, which makes the record a dead letter
 * (platform's {@code CountingLogAndContinueHandler}): an {@link IOException} for bytes that end early, a
 * {@link RuntimeException} for bad values (Avro answers an enum or union index out of range with an
 * {@link ArrayIndexOutOfBoundsException}, an empty decimal with a {@link NumberFormatException}, a length
 * over {@link CrmSerdes}' caps with a {@link org.apache.avro.SystemLimitException}). Never an
 * {@link Error}, such as an {@link OutOfMemoryError} from a declared length, which would stop the stream
 * thread, and never long: each input decodes within the time limit.
 *
 * <p>The first byte picks the topic ({@link #INPUT_TOPICS}), the rest is the Avro binary. Seeds are one
 * realistic record per topic ({@link #records()}); crashes found are kept in
 * {@code src/test/resources/org/touchpointcrm/schemas/InputTopicsFuzzTestInputs/} (docs/security.md, Fuzzing).
 */
class InputTopicsFuzzTest {

    /** What ingest writes and segmentation-streams and notifier-service read. */
    static final List<Topic<String, ? extends SpecificRecord>> INPUT_TOPICS = List.of(
            Topics.TOUCHPOINTS_POS, Topics.TOUCHPOINTS_EMAIL, Topics.TOUCHPOINTS_SMS, Topics.TOUCHPOINTS_WEB,
            Topics.CUSTOMERS, Topics.ERASURE_REQUESTS, Topics.SEGMENT_DEFINITIONS, Topics.CAMPAIGNS);

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30Z");
    /** Made first, as in the services: making serdes caps the lengths a record may declare. */
    private static final CrmSerdes SERDES = CrmSerdes.withoutRegistry();
    private static final SchemaIdentityDatumProvider<Object> READERS = readers();

    InputTopicsFuzzTest() {
        // The first decode loads and instruments the reader's classes (seconds): no part of an input's time.
        records().forEach(seed -> decode((byte[]) seed.get()[0]));
    }

    @MethodSource("records")
    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void valueBytesDecodeOrAreRefusedByAvro(byte[] input) {
        if (input.length == 0) {
            return;
        }
        decode(input);
    }

    /** The record the input's topic holds, or nothing when its bytes are refused as a dead letter would be. */
    private static void decode(byte[] input) {
        Topic<String, ? extends SpecificRecord> topic = INPUT_TOPICS.get(Byte.toUnsignedInt(input[0]) % INPUT_TOPICS.size());
        Schema schema = SpecificData.get().getSchema(topic.valueType());
        DatumReader<Object> reader = READERS.createDatumReader(schema);
        Object record;
        try {
            record = reader.read(null, DecoderFactory.get().binaryDecoder(input, 1, input.length - 1, null));
        } catch (IOException | RuntimeException refused) {
            return;
        }
        assertThat(record).isInstanceOf(topic.valueType());
    }

    /** One realistic record per input topic, each prefixed with its topic's index. */
    static Stream<Arguments> records() {
        List<SpecificRecord> records = List.of(
                Touchpoints.purchase("c-0001", "129.90", T0),
                Touchpoints.event("c-0002", Channel.EMAIL, TouchpointType.MESSAGE_OPENED, T0)
                        .setMessageId("m-1").setAttributes(Map.of("campaign", "welcome")).build(),
                Touchpoints.event("c-0003", Channel.SMS, TouchpointType.FEEDBACK, T0)
                        .setRating(4).setText("Hyvä palvelu").build(),
                Touchpoints.event("c-0004", Channel.WEB, TouchpointType.PURCHASE, T0)
                        .setAmount(new BigDecimal("19.50")).setCurrency("EUR")
                        .setLines(List.of(BasketLine.newBuilder().setSku("sku-1").setQuantity(2)
                                .setUnitPrice(new BigDecimal("9.75")).build())).build(),
                CustomerRecord.newBuilder().setCustomerId("c-0001").setFirstName("Aino").setLastName("Virtanen")
                        .setEmail("aino@example.org").setPhone("+358401234567").setPostalCode("33100")
                        .setMunicipality("Tampere").setRegion("Pirkanmaa").setCountry("FI").setLanguage("fi")
                        .setTimeZone("Europe/Helsinki").setKeyAccountTier(KeyAccountTier.GOLD)
                        .setCompany(Company.newBuilder().setName("Oy Esimerkki Ab").setBusinessId("1234567-1").build())
                        .setUpdatedAt(T0).setSource("csv-import").build(),
                ErasureRequest.newBuilder().setRequestId("r-1").setCustomerId("c-0001").setRequestedAt(T0)
                        .setSource("crm-team").setReason("asked by the customer").build(),
                SegmentDefinition.newBuilder().setId("lapsing").setName("Lapsing").setRule(
                                "daysSince(profile.purchases.lastAt) > 60").setOwner("marketer").setVersion(3)
                        .setStatus(SegmentStatus.ACTIVE).setDependsOnTime(true).setFieldsRead(List.of("purchases"))
                        .setCreatedAt(T0).setChangedAt(T0).build(),
                CampaignDefinition.newBuilder().setId("welcome").setName("Welcome").setOwner("marketer").setVersion(2)
                        .setStatus(CampaignStatus.ACTIVE)
                        .setTrigger(CampaignTrigger.newBuilder().setSegmentId("new").setChange(SegmentChangeKind.ENTERED)
                                .setDelay("P1D").build())
                        .setAudience("consented(\"EMAIL\", \"marketing\")")
                        .setChannels(List.of(Channel.EMAIL, Channel.SMS)).setConsentPurpose("marketing")
                        .setDefaultLanguage("fi")
                        .setTemplates(List.of(CampaignTemplate.newBuilder().setChannel(Channel.EMAIL).setLanguage("fi")
                                .setSubject("Tervetuloa").setHtmlBody("<p>Hei {{profile.master.firstName}}</p>")
                                .setTextBody("Hei {{profile.master.firstName}}").build()))
                        .setFrequencyCap(FrequencyCap.newBuilder().setMaxMessages(2).setPeriod("P7D").build())
                        .setHoldoutPercent(10).setCreatedAt(T0).setChangedAt(T0).build());
        return IntStream.range(0, INPUT_TOPICS.size())
                .mapToObj(i -> Arguments.of((Object) withTopic(i, records.get(i))));
    }

    /** The topic's index, then the record in plain Avro binary (what follows the wire header). */
    @SuppressWarnings("unchecked")
    private static byte[] withTopic(int index, SpecificRecord record) {
        var topic = (Topic<String, SpecificRecord>) INPUT_TOPICS.get(index);
        byte[] avro = SERDES.value(topic).serializer().serialize(topic.name(), record);
        byte[] input = new byte[avro.length + 1];
        input[0] = (byte) index;
        System.arraycopy(avro, 0, input, 1, avro.length);
        return input;
    }

    private static SchemaIdentityDatumProvider<Object> readers() {
        var readers = new SchemaIdentityDatumProvider<Object>();
        readers.setUseSpecificAvroReader(true);
        return readers;
    }
}
