package org.touchpointcrm.platform.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

class TopicsDifferFromCatalogueFailureAnalyzerTest {

    @Test
    void springBootReportsTheMismatchesAsDescriptionAndActionWhereverTheyAreInTheCauses() {
        var error = new TopicsDifferFromCatalogueException(
                List.of(new TopicMismatch("crm.customers", "cleanup.policy", "delete", "compact")), "127.0.0.1:9092");

        FailureAnalysis analysis = new TopicsDifferFromCatalogueFailureAnalyzer()
                .analyze(new BeanCreationException("crmTopicsCheck", error));

        assertThat(analysis.getDescription()).isEqualTo(error.description());
        assertThat(analysis.getAction()).isEqualTo(error.action());
        // Boot's own analyzers that need constructor arguments are skipped: only registration matters here.
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, null, SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { })))
                .hasAtLeastOneElementOfType(TopicsDifferFromCatalogueFailureAnalyzer.class);
    }
}
