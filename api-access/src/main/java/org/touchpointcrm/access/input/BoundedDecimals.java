package org.touchpointcrm.access.input;

import java.math.BigDecimal;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Decimals (amounts, prices) as Jackson reads them, refused when the decimal point moves further than
 * {@link InputLimits#maxDecimalScale()} either way. The number itself is cheap to hold
 * ({@code 1e600000000} is a 1 with a scale of -600,000,000), but the first {@code setScale},
 * {@code toPlainString} or comparison with a scaled value computes every digit: minutes of a core and
 * hundreds of megabytes. Checked here, as the number is read, so no service ever computes with one.
 */
final class BoundedDecimals extends NumberDeserializers.BigDecimalDeserializer {

    private final int maxScale;

    private BoundedDecimals(int maxScale) {
        this.maxScale = maxScale;
    }

    static SimpleModule module(int maxScale) {
        return new SimpleModule("touchpoint-bounded-decimals").addDeserializer(BigDecimal.class, new BoundedDecimals(maxScale));
    }

    @Override
    public BigDecimal deserialize(JsonParser parser, DeserializationContext context) {
        BigDecimal value = super.deserialize(parser, context);
        // scale() and precision() only read the representation: neither expands the digits.
        if (value != null && Math.abs((long) value.scale()) > maxScale) {
            return context.reportInputMismatch(this, "is a number with its decimal point moved by %d places"
                    + " (at most %d are allowed); write it in plain digits, e.g. 49.90", -value.scale(), maxScale);
        }
        return value;
    }
}
