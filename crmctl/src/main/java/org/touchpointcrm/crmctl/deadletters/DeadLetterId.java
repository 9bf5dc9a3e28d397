package org.touchpointcrm.crmctl.deadletters;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Where a dead letter is in its dead-letter topic, written {@code <partition>:<offset>} as {@code list} shows it. */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

    public static DeadLetterId parse(String text) {
        String[] parts = text.split(":", -1);
        try {
            if (parts.length == 2) {
                var id = new DeadLetterId(Integer.parseInt(parts[0]), Long.parseLong(parts[1]));
                if (id.partition >= 0 && id.offset >= 0) {
                    return id;
                }
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not a dead letter id; write <partition>:<offset>, e.g. 3:42, "
                + "as 'crmctl dead-letters list' shows them");
    }

    @Override
    public int compareTo(DeadLetterId other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }

    /** For picocli: a malformed id is a usage error (exit 2). */
    static final class Converter implements ITypeConverter<DeadLetterId> {
        @Override
        public DeadLetterId convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
