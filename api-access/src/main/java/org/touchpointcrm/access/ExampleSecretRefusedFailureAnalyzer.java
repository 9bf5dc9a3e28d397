package org.touchpointcrm.access;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the refused settings as Spring Boot's "APPLICATION FAILED TO START" report, not as a stack trace. */
public class ExampleSecretRefusedFailureAnalyzer extends AbstractFailureAnalyzer<ExampleSecretRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ExampleSecretRefusedException cause) {
        return new FailureAnalysis("Example secrets of the local stack are configured:\n  - "
                + String.join("\n  - ", cause.refusals()),
                "Mint your own secrets (docs/security.md, Secrets). Only the local stack may run with the examples; it sets "
                        + ExampleSecretsGuard.SWITCH + "=" + ExampleSecretsGuard.ALLOWED + ".", cause);
    }
}
