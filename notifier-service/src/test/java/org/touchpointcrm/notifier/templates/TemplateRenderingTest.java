package org.touchpointcrm.notifier.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.CampaignTemplate;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.KeyAccountTier;
import org.touchpointcrm.avro.MasterData;
import org.touchpointcrm.schemas.CustomerProfiles;

/** Campaign templates rendered over the profile, and checked against its schema before they are stored. */
class TemplateRenderingTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theHtmlBodyEscapesValuesAndTheTextPartsDoNot() {
        CustomerProfile profile = profileOf("Aino <b>&</b> \"Virtanen\"");
        CampaignTemplate template = email("Hei {{profile.master.firstName}}", "<p>Hei {{profile.master.firstName}}</p>",
                "Hei {{profile.master.firstName}}");

        RenderedMessage rendered = TemplateRenderer.render(template, profile);

        assertThat(rendered.htmlBody()).isEqualTo("<p>Hei Aino &lt;b&gt;&amp;&lt;/b&gt; &quot;Virtanen&quot;</p>");
        assertThat(rendered.textBody()).isEqualTo("Hei Aino <b>&</b> \"Virtanen\"");
        assertThat(rendered.subject()).isEqualTo("Hei Aino <b>&</b> \"Virtanen\"");
    }

    @Test
    void aMissingOptionalValueRendersEmpty() {
        CustomerProfile withoutRegister = CustomerProfiles.empty("c-1", AT);

        RenderedMessage rendered = TemplateRenderer.render(email("Hei{{profile.master.firstName}}!",
                "<p>Hei{{profile.master.firstName}}!</p>", "Hei{{profile.master.firstName}}! {{profile.email}}."), withoutRegister);

        assertThat(rendered.subject()).isEqualTo("Hei!");
        assertThat(rendered.htmlBody()).isEqualTo("<p>Hei!</p>");
        assertThat(rendered.textBody()).isEqualTo("Hei! .");
    }

    @Test
    void aSectionShowsItsContentOnlyWhenTheValueIsThere() {
        String text = "{{#profile.master.firstName}}Hei {{profile.master.firstName}}!{{/profile.master.firstName}}"
                + "{{^profile.master.firstName}}Hei!{{/profile.master.firstName}}";

        assertThat(TemplateRenderer.render(email("s", "h", text), profileOf("Aino")).textBody()).isEqualTo("Hei Aino!");
        assertThat(TemplateRenderer.render(email("s", "h", text), CustomerProfiles.empty("c-1", AT)).textBody())
                .isEqualTo("Hei!");
    }

    @Test
    void aSampleProfileAsJsonRendersLikeAStoredOne() {
        Map<String, Object> sample = Map.of("profile", Map.of("master", Map.of("firstName", "Eero")));

        assertThat(TemplateRenderer.render(null, null, "Hei {{profile.master.firstName}}", sample).textBody())
                .isEqualTo("Hei Eero");
    }

    @Test
    void anUnknownNameIsRefusedWithItsLineColumnAndTheNameItMeant() {
        List<TextProblem> problems = TemplateCheck.check("templates[EMAIL/fi].htmlBody",
                "<p>Hei,</p>\n<p>{{profile.master.frstName}}</p>", true);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.part()).isEqualTo("templates[EMAIL/fi].htmlBody");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(4);
            assertThat(problem.message()).contains("'profile.master.frstName'", "did you mean 'profile.master.firstName'");
        });
    }

    @Test
    void aNameWithoutTheProfileIsPointedToIt() {
        assertThat(TemplateCheck.check("t", "Hei {{email}}", false)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("did you mean 'profile.email'"));
    }

    @Test
    void aTemplateThatDoesNotCompileIsRefusedWithItsLine() {
        assertThat(TemplateCheck.check("t", "Hei\n{{#profile.master}}{{firstName}}", false)).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.line()).isEqualTo(2);
                    assertThat(problem.message()).startsWith("does not compile");
                });
    }

    @Test
    void insideASectionOverARecordItsFieldsMayBeNamedAlone() {
        assertThat(TemplateCheck.check("t", "{{#profile.master}}Hei {{firstName}}{{/profile.master}}", false)).isEmpty();
        assertThat(TemplateRenderer.render(null, null, "{{#profile.master}}Hei {{firstName}}{{/profile.master}}",
                Map.of("profile", Map.of("master", Map.of("firstName", "Aino")))).textBody()).isEqualTo("Hei Aino");
    }

    @Test
    void partialsAndWholeRecordsAreRefused() {
        assertThat(TemplateCheck.check("t", "{{> footer}}", false)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("partials"));
        assertThat(TemplateCheck.check("t", "{{profile.master}}", false)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("is a record"));
    }

    private static CampaignTemplate email(String subject, String html, String text) {
        return CampaignTemplate.newBuilder().setChannel(Channel.EMAIL).setLanguage("fi").setSubject(subject)
                .setHtmlBody(html).setTextBody(text).build();
    }

    private static CustomerProfile profileOf(String firstName) {
        CustomerProfile profile = CustomerProfiles.empty("c-1", AT);
        profile.setMaster(MasterData.newBuilder().setFirstName(firstName).setKeyAccountTier(KeyAccountTier.NONE)
                .setUpdatedAt(AT).build());
        return profile;
    }
}
