package org.touchpointcrm.access.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Counts what is read of a body that declares no length (chunked) and throws once it is longer than
 * allowed. The exception is unchecked, so that no parser takes it for a malformed body.
 */
public final class CappedInputStream extends FilterInputStream {

    private final long maxBytes;
    private final Supplier<? extends RuntimeException> tooLarge;
    private long read;

    public CappedInputStream(InputStream in, long maxBytes, Supplier<? extends RuntimeException> tooLarge) {
        super(in);
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(n, 0));
        return n;
    }

    private void count(int n) {
        read += n;
        if (read > maxBytes) {
            throw tooLarge.get();
        }
    }
}
