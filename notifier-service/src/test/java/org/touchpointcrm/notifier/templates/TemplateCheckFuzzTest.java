package org.touchpointcrm.notifier.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.schemas.CustomerProfiles;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * A marketer's template, any text at all, as a campaign or a preview gives it: {@link TemplateCheck}
 * answers with the list of its problems and never throws; a template it accepts renders over a profile
 * with register data and lists to repeat over, within the time limit, and markup in the register data
 * reaches the HTML body escaped, and the e-mail address only a message whose template names it. The input
 * is the subject, the HTML body and the text body separated by NUL characters (a missing part is no
 * subject, no HTML body, an empty text). Seeds and every crash found are in
 * {@code src/test/resources/org/touchpointcrm/notifier/templates/TemplateCheckFuzzTestInputs/}
 * (docs/security.md, Fuzzing).
 *
 * <p>Regression inputs of holes found or named in issue 14, each fixed (docs/security.md, Fuzzing): {@code known-hole-triple-stache}
 * and {@code known-hole-ampersand-tag} (register markup unescaped in HTML), {@code found-empty-tag} and the
 * {@code crash-*} files that JMustache's parser answers with a StringIndexOutOfBoundsException,
 * {@code found-partial-by-inheritance} and {@code crash-cf27a12d…} (a partial the check does not see, which
 * fails at every render), and {@code found-whole-profile-in-text} and {@code crash-9e6c2111…} ({@code {{.}}}
 * outside a list printed the whole profile).
 */
class TemplateCheckFuzzTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");
    /** A register name with markup: in an HTML body it may only appear escaped. */
    private static final String MARKUP = "<a href=\"https://evil.example\">Aino</a>";
    /** The profile's address: a message shows it only where the template names it. */
    private static final String EMAIL = "aino.virtanen@example.fi";
    private static final CustomerProfile PROFILE = profile();

    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anyTemplateIsCheckedAndAnAcceptedOneRenders(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\0", 3);
        String subject = parts.length == 3 ? parts[0] : null;
        String html = parts.length >= 2 ? parts[parts.length - 2] : null;
        String text = parts[parts.length - 1];

        List<TextProblem> problems = TemplateCheck.check("template.", subject, html, text);
        if (problems.isEmpty()) {
            RenderedMessage message = TemplateRenderer.render(subject, html, text, ProfileModel.of(PROFILE));
            assertThat(message.textBody()).isNotNull();
            if (html != null && !html.contains(MARKUP)) {
                assertThat(message.htmlBody()).as("the register's markup, escaped").doesNotContain(MARKUP);
            }
            if (!new String(input, StandardCharsets.UTF_8).contains("email")) {
                assertThat(String.join("\n", String.valueOf(message.subject()), String.valueOf(message.htmlBody()),
                        message.textBody())).as("only what the template names").doesNotContain(EMAIL);
            }
        } else {
            assertThat(problems).allSatisfy(problem -> assertThat(problem.message()).isNotBlank());
        }
    }

    /** Register data with markup in it, and a list (its segments) that sections repeat over. */
    private static CustomerProfile profile() {
        CustomerProfile profile = CustomerProfiles.empty("c-1", AT);
        profile.setMaster(MasterData.newBuilder().setFirstName(MARKUP).setLastName("Virtanen")
                .setRegion("Pirkanmaa").setKeyAccountTier(KeyAccountTier.GOLD).setUpdatedAt(AT).build());
        profile.setSegments(List.of("loyal", "lapsing", "vip", "newsletter"));
        profile.setEmail(EMAIL);
        return profile;
    }
}
