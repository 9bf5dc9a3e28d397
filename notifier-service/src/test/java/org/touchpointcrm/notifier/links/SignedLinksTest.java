package org.touchpointcrm.notifier.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.Channel;

class SignedLinksTest {

    private static final LinkSubject AINO = new LinkSubject("5f0c1d2e-0000-4000-8000-000000000001", "c-aino", "welcome-new",
            Channel.EMAIL, "marketing");

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
}
