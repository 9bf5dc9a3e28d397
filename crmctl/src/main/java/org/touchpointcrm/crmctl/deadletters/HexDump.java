package org.touchpointcrm.crmctl.deadletters;

import java.util.HexFormat;

/** Bytes as {@code hexdump -C} shows them: offset, sixteen bytes in hex, the same as ASCII. */
final class HexDump {

    private static final int PER_LINE = 16;

    private HexDump() {
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /** @param limit how many bytes to show at most; the rest is counted */
    static String dump(byte[] bytes, int limit) {
        StringBuilder out = new StringBuilder();
        int shown = Math.min(bytes.length, limit);
        for (int start = 0; start < shown; start += PER_LINE) {
            out.append("%08x ".formatted(start));
            StringBuilder ascii = new StringBuilder();
            for (int i = start; i < start + PER_LINE; i++) {
                if (i - start == PER_LINE / 2) {
                    out.append(' ');
                }
                if (i < shown) {
                    int b = bytes[i] & 0xff;
                    out.append(" %02x".formatted(b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append("  |").append(ascii).append("|\n");
        }
        if (shown < bytes.length) {
            out.append("... ").append(bytes.length - shown).append(" more bytes\n");
        }
        return out.toString();
    }
}
