package org.touchpointcrm.access.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.annotation.UserConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.ExampleSecretRefusedException;
import org.touchpointcrm.access.ExampleSecretRefusedFailureAnalyzer;
import org.touchpointcrm.access.ExampleSecretsGuard;

class ExampleSecretsGuardTest {

    @Test
    void theExampleLinkSecretIsRefusedNamingItsSetting() {
        var environment = new MockEnvironment().withProperty("crm.notifier.links.secret", LocalStackExamples.LINK_SECRET);

        assertThatThrownBy(() -> ExampleSecretsGuard.check(environment))
                .isInstanceOf(ExampleSecretRefusedException.class)
                .hasMessage("crm.notifier.links.secret is the local stack's example secret; set your own: openssl rand -hex 32");
    }

    @Test
    void everyExampleIsRefusedWhereverItIsConfigured() {
        var environment = new MockEnvironment()
                .withProperty("crm.notifier.sms.auth-token", LocalStackExamples.SMS_AUTH_TOKEN)
                .withProperty("crm.ingest.access.keys[0].sha256", ApiKeys.sha256Hex(LocalStackExamples.DEMO_API_KEY))
                .withProperty("crm.segmentation.access.keys[2].sha256",
                        ApiKeys.sha256Hex(LocalStackExamples.MARKETER_API_KEY).toUpperCase())
                .withProperty("crm.notifier.links.previous-secrets.k1", LocalStackExamples.COMPOSE_LINK_SECRET)
                .withProperty("crm.ingest.profile-query-key", LocalStackExamples.MARKETER_API_KEY)
                .withProperty("crm.notifier.links.secret", "${example}")
                .withProperty("example", LocalStackExamples.LINK_SECRET);

        assertThatThrownBy(() -> ExampleSecretsGuard.check(environment))
                .isInstanceOfSatisfying(ExampleSecretRefusedException.class, e -> assertThat(e.refusals()).containsExactlyInAnyOrder(
                        "crm.notifier.sms.auth-token is the local stack's example secret; set your own: openssl rand -hex 32",
                        "crm.ingest.access.keys[0].sha256 is the SHA-256 of the local stack's example API key; mint your own:"
                                + " openssl rand -hex 32, and configure printf %s KEY | sha256sum",
                        "crm.segmentation.access.keys[2].sha256 is the SHA-256 of the local stack's example API key; mint your"
                                + " own: openssl rand -hex 32, and configure printf %s KEY | sha256sum",
                        "crm.notifier.links.previous-secrets.k1 is the local stack's example secret; set your own: openssl rand -hex 32",
                        "crm.ingest.profile-query-key is the local stack's example API key; mint your own: openssl rand -hex 32",
                        "crm.notifier.links.secret is the local stack's example secret; set your own: openssl rand -hex 32"));
    }

    @Test
    void environmentVariablesAreNamedAsTheSettingTheyBind() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CRM_NOTIFIER_LINKS_SECRET", LocalStackExamples.COMPOSE_LINK_SECRET)));

        assertThatThrownBy(() -> ExampleSecretsGuard.check(environment))
                .hasMessageStartingWith("crm.notifier.links.secret is the local stack's example secret");
    }

    @Test
    void theLocalStacksSwitchAllowsTheExamples() {
        var environment = new MockEnvironment()
                .withProperty("crm.notifier.links.secret", LocalStackExamples.LINK_SECRET)
                .withProperty(ExampleSecretsGuard.SWITCH, ExampleSecretsGuard.ALLOWED);

        assertThatCode(() -> ExampleSecretsGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void ownSecretsPass() {
        var environment = new MockEnvironment()
                .withProperty("crm.notifier.links.secret", "9f2c4e7a1b3d5f6081a2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4")
                .withProperty("crm.ingest.access.keys[0].sha256", ApiKeys.sha256Hex("an own key"));

        assertThatCode(() -> ExampleSecretsGuard.check(environment)).doesNotThrowAnyException();
    }

    @Test
    void aContextWithTheGuardDoesNotStartAndSaysWhatToDo() {
        new ApplicationContextRunner()
                .withConfiguration(UserConfigurations.of(GuardOnly.class))
                .withPropertyValues("crm.notifier.links.secret=" + LocalStackExamples.LINK_SECRET)
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new ExampleSecretRefusedFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("crm.notifier.links.secret is the local stack's example secret");
                    assertThat(analysis.getAction()).contains("crm.local-stack.example-secrets=allowed");
                });
    }

    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class GuardOnly {
        @org.springframework.context.annotation.Bean
        static ExampleSecretsGuard guard() {
            return new ExampleSecretsGuard();
        }
    }
}
