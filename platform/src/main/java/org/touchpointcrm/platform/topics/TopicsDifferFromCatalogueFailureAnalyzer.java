package org.touchpointcrm.platform.topics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the mismatches as Spring Boot's "APPLICATION FAILED TO START" report, not as a stack trace. */
class TopicsDifferFromCatalogueFailureAnalyzer extends AbstractFailureAnalyzer<TopicsDifferFromCatalogueException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TopicsDifferFromCatalogueException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
