package org.touchpointcrm.schemas;

import java.util.List;

import org.apache.avro.SystemLimitException;

/**
 * Caps on the lengths an Avro record may declare, applied before any record is read. Avro allocates a
 * string's, a byte array's or a collection's declared length before reading its content, and by default
 * allows up to 2^31 - 9: a few bytes on a topic declaring that much would ask for gigabytes and stop
 * the reading thread with an {@link OutOfMemoryError}. No value can be longer than the largest record a
 * producer sends ({@code max.request.size}, 1 MiB by default, which the project does not raise), so that
 * is the cap; a longer declaration is refused with a {@link SystemLimitException}, which the
 * deserialization handlers treat as any other bad record. Each cap can be set otherwise with Avro's own
 * system property ({@value SystemLimitException#MAX_STRING_LENGTH_PROPERTY} and its two siblings).
 */
public final class AvroLimits {

    /** The default {@code max.request.size} of Kafka's producer. */
    public static final int MAX_LENGTH = 1024 * 1024;

    private static final List<String> PROPERTIES = List.of(SystemLimitException.MAX_STRING_LENGTH_PROPERTY,
            SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY);

    private AvroLimits() {
    }

    /**
     * Sets the caps not set already and checks that Avro uses them. {@link CrmSerdes} does so when it is
     * loaded; code that decodes Avro without its serdes (crmctl's dead-letter viewer) calls it itself.
     *
     * @throws IllegalStateException if Avro read its limits before this ran (it reads them once)
     */
    public static synchronized void apply() {
        for (String property : PROPERTIES) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, Integer.toString(MAX_LENGTH));
            }
        }
        long stringLimit = Long.parseLong(System.getProperty(SystemLimitException.MAX_STRING_LENGTH_PROPERTY).trim());
        try {
            SystemLimitException.checkMaxStringLength(stringLimit + 1);
        } catch (SystemLimitException expected) {
            return;
        }
        throw new IllegalStateException("Avro read its length limits before CrmSerdes set them: create the serdes"
                + " before reading any record, or set " + PROPERTIES + " on the command line");
    }
}
