package org.touchpointcrm.notifier.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.touchpointcrm.avro.Channel;

import jakarta.validation.Validation;

class SignedLinksTest {

    private static final LinkSubject AINO = new LinkSubject("5f0c1d2e-0000-4000-8000-000000000001", "c-aino", "welcome-new",
            Channel.EMAIL, "marketing");

    private static final URI BASE = URI.create("https://crm.example");
    private static final String SECRET_A = "3f1e0c7a9b2d4e6f8a0b1c2d3e4f5a6b";
    private static final String SECRET_B = "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b";

    private final SignedLinks links = new SignedLinks(
            new LinkProperties(URI.create("https://crm.example/notifier"), "a-secret-of-at-least-thirty-two-chars"));

    private static String token(String url, String path) {
        return url.substring(url.indexOf(path) + path.length());
    }

    @Test
    void eachLinkReadsBackAsItsSubjectUnderTheBaseUrl() {
        String unsubscribe = links.unsubscribeUrl(AINO);
        String open = links.openUrl(AINO);
        String click = links.clickUrl(AINO, "https://shop.example/offers?x=1&y=2");

        assertThat(unsubscribe).startsWith("https://crm.example/notifier" + SignedLinks.UNSUBSCRIBE_PATH);
        assertThat(open).endsWith(".gif");
        assertThat(links.verifyUnsubscribe(token(unsubscribe, SignedLinks.UNSUBSCRIBE_PATH)))
                .hasValueSatisfying(v -> assertThat(v.subject()).isEqualTo(AINO));
        assertThat(links.verifyOpen(token(open, SignedLinks.OPEN_PATH)))
                .hasValueSatisfying(v -> assertThat(v.subject()).isEqualTo(AINO));
        assertThat(links.verifyClick(token(click, SignedLinks.CLICK_PATH)))
                .hasValueSatisfying(v -> assertThat(v.target()).isEqualTo("https://shop.example/offers?x=1&y=2"));
    }

    @Test
    void anEditedForeignOrOtherActionsTokenIsRefused() {
        String token = token(links.unsubscribeUrl(AINO), SignedLinks.UNSUBSCRIBE_PATH);
        String payload = token.substring(0, token.indexOf('.'));
        String edited = payload.substring(0, payload.length() - 2) + (payload.endsWith("AA") ? "BB" : "AA")
                + token.substring(token.indexOf('.'));
        var otherKey = new SignedLinks(new LinkProperties(URI.create("https://crm.example"), "another-secret-of-thirty-two-chars!"));

        assertThat(links.verifyUnsubscribe(edited)).isEmpty();
        assertThat(otherKey.verifyUnsubscribe(token)).isEmpty();
        assertThat(links.verifyClick(token)).as("an unsubscribe token is no click").isEmpty();
        assertThat(links.verifyUnsubscribe("not-a-token")).isEmpty();
        assertThat(links.verifyUnsubscribe("%%%.###")).isEmpty();
    }

    @Test
    void theSendTimeReadsBackWithTheSubject() {
        LinkSubject sent = AINO.withSentAt(Instant.parse("2026-11-23T10:00:00.123Z"));

        assertThat(links.verifyUnsubscribe(token(links.unsubscribeUrl(sent), SignedLinks.UNSUBSCRIBE_PATH)))
                .hasValueSatisfying(v -> assertThat(v.subject()).isEqualTo(sent));
    }

    @Test
    void afterARotationTheLinksAlreadySentWorkUntilTheirKeyIsRemoved() {
        var before = new SignedLinks(new LinkProperties(BASE, "202606", SECRET_A, Map.of()));
        String sentBefore = token(before.unsubscribeUrl(AINO), SignedLinks.UNSUBSCRIBE_PATH);

        var rotated = new SignedLinks(new LinkProperties(BASE, "202612", SECRET_B, Map.of("202606", SECRET_A)));
        String sentAfter = token(rotated.unsubscribeUrl(AINO), SignedLinks.UNSUBSCRIBE_PATH);
        var oldKeyRemoved = new SignedLinks(new LinkProperties(BASE, "202612", SECRET_B, Map.of()));

        assertThat(rotated.verifyUnsubscribe(sentBefore)).as("signed with the previous key").isPresent();
        assertThat(rotated.verifyUnsubscribe(sentAfter)).isPresent();
        assertThat(before.verifyUnsubscribe(sentAfter)).as("the new key is unknown before the rotation").isEmpty();
        assertThat(oldKeyRemoved.verifyUnsubscribe(sentAfter)).isPresent();
        assertThat(oldKeyRemoved.verifyUnsubscribe(sentBefore)).as("its key removed").isEmpty();
    }

    @Test
    void aLinkNamingAKeyIdThatIsNotConfiguredIsRefusedEvenWithTheRightSecret() {
        var signedAsNine = new SignedLinks(new LinkProperties(BASE, "9", SECRET_A, Map.of()));
        var knowsOnlyOne = new SignedLinks(new LinkProperties(BASE, "1", SECRET_A, Map.of()));

        assertThat(knowsOnlyOne.verifyUnsubscribe(token(signedAsNine.unsubscribeUrl(AINO), SignedLinks.UNSUBSCRIBE_PATH))).isEmpty();
    }

    @Test
    void theCurrentKeyIdCannotAlsoBeAPreviousOne() {
        assertThatThrownBy(() -> new LinkProperties(BASE, "202612", SECRET_B, Map.of("202612", SECRET_A)))
                .hasMessageContaining("give the new secret a new key id");
    }

    @Test
    void previousSecretsBindByKeyIdFromEnvironmentVariablesToo() {
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "CRM_NOTIFIER_LINKS_BASE_URL", "https://crm.example", "CRM_NOTIFIER_LINKS_KEYID", "202612",
                "CRM_NOTIFIER_LINKS_SECRET", SECRET_B, "CRM_NOTIFIER_LINKS_PREVIOUSSECRETS_202606", SECRET_A));
        var sources = new MutablePropertySources();
        sources.addFirst(environment);

        LinkProperties bound = new Binder(ConfigurationPropertySources.from(sources))
                .bind("crm.notifier.links", LinkProperties.class).get();

        assertThat(bound.keyId()).isEqualTo("202612");
        assertThat(bound.previousSecrets()).containsExactly(Map.entry("202606", SECRET_A));
    }

    @Test
    void aKeyIdThatAnEnvironmentVariableCouldNotCarryIsRefused() {
        var sources = new MutablePropertySources();
        sources.addFirst(new MapPropertySource("test", Map.of(
                "crm.notifier.links.base-url", "https://crm.example", "crm.notifier.links.key-id", "2026-12",
                "crm.notifier.links.secret", SECRET_B)));
        var validator = Validation.buildDefaultValidatorFactory().getValidator();

        LinkProperties bound = new Binder(ConfigurationPropertySources.from(sources)).bind("crm.notifier.links", LinkProperties.class).get();

        assertThat(validator.validate(bound)).singleElement()
                .satisfies(v -> assertThat(v.getPropertyPath()).hasToString("keyId"));
    }
}
