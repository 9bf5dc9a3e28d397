package org.touchpointcrm.access;

import java.util.List;

/** A service was configured with example secrets outside the local stack; names every such setting. */
public class ExampleSecretRefusedException extends IllegalStateException {

    private final List<String> refusals;

    ExampleSecretRefusedException(List<String> refusals) {
        super(String.join("; ", refusals));
        this.refusals = List.copyOf(refusals);
    }

    /** One sentence per refused setting: its name, what it is, what to set instead. */
    public List<String> refusals() {
        return refusals;
    }
}
