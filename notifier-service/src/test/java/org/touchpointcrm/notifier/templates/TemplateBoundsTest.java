package org.touchpointcrm.notifier.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What a template may not do: print a value unescaped into HTML, change its delimiters, nest sections
 * deeply, or render past the bounds of output and time.
 */
class TemplateBoundsTest {

    @Test
    void aTripleStacheInAnHtmlBodyIsRefusedWithItsLineAndColumn() {
        List<TextProblem> problems = TemplateCheck.check("templates[EMAIL/fi].htmlBody",
                "<p>Hei</p>\n<p>{{{profile.master.firstName}}}</p>", true);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.part()).isEqualTo("templates[EMAIL/fi].htmlBody");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.column()).isEqualTo(4);
            assertThat(problem.message()).contains("without HTML escaping", "{{{name}}}", "write {{name}}");
        });
    }

    @Test
    void anAmpersandTagInAnHtmlBodyIsRefused() {
        assertThat(TemplateCheck.check("htmlBody", "<p>{{& profile.master.firstName}}</p>", true))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("{{& name}}"));
        assertThat(TemplateCheck.check("htmlBody", "<p>{{&profile.master.firstName}}</p>", true)).hasSize(1);
    }

    @Test
    void theTextPartsMayPrintWithoutEscapingForTheyEscapeNothing() {
        assertThat(TemplateCheck.check("textBody", "Hei {{{profile.master.firstName}}}", false)).isEmpty();
    }

    @Test
    void aChangeOfDelimitersIsRefusedEverywhere() {
        assertThat(TemplateCheck.check("htmlBody", "{{=<% %>=}}<p><%& profile.master.firstName %></p>", true))
                .singleElement().satisfies(problem -> assertThat(problem.message()).contains("delimiters"));
        assertThat(TemplateCheck.check("textBody", "{{=<% %>=}}Hei", false)).hasSize(1);
    }

    @Test
    void sectionsNestedDeeperThanTheBoundAreRefusedAtWriteTime() {
        int depth = TemplateEngine.MAX_SECTION_DEPTH + 1;
        String text = "{{#profile.master}}".repeat(depth) + "x" + "{{/profile.master}}".repeat(depth);

        assertThat(TemplateCheck.check("textBody", text, false)).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("nested " + depth + " deep"));
        assertThat(TemplateEngine.deepestSection("{{#a}}{{^b}}{{/b}}{{#c}}{{/c}}{{/a}}")).isEqualTo(2);
    }

    @Test
    void renderingStopsAtTheOutputBound() {
        List<Map<String, Object>> many = Collections.nCopies(200, Map.of("sku", "x".repeat(10_000)));

        assertThatThrownBy(() -> TemplateRenderer.render(null, null, "{{#profile.lines}}{{sku}}{{/profile.lines}}",
                Map.of("profile", Map.of("lines", many))))
                .isInstanceOfSatisfying(RenderLimitException.class, e -> {
                    assertThat(e.part()).isEqualTo("textBody");
                    assertThat(e.getMessage()).contains("more than " + TemplateEngine.MAX_OUTPUT_CHARS + " characters");
                });
    }

    @Test
    void renderingStopsAtTheTimeBound() {
        // Each value takes a while to produce (as a huge profile list would); the writer notices the deadline.
        Object slow = new Object() {
            @Override
            public String toString() {
                long until = System.nanoTime() + Duration.ofMillis(5).toNanos();
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                return "x";
            }
        };
        List<Object> values = Collections.nCopies(10_000, Map.of("v", slow));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> TemplateRenderer.render(null, null,
                "{{#profile.values}}{{v}}{{/profile.values}}", Map.of("profile", Map.of("values", values))))
                .isInstanceOfSatisfying(RenderLimitException.class,
                        e -> assertThat(e.getMessage()).contains("took longer than")));
    }

    /** Found by fuzzing (docs/security.md): JMustache's parser fails on these with an index error. */
    @Test
    void degenerateTagsDoNotCompileRatherThanFailTheCheck() {
        for (String text : List.of("{{}}", "Hei {{ }}!", "{{=}}", "{{=< >=}}<>")) {
            assertThat(TemplateCheck.check("textBody", text, false)).as(text).isNotEmpty();
            assertThat(TemplateCheck.check("htmlBody", text, true)).as(text).isNotEmpty();
        }
    }

    /** Found by fuzzing: the check's visitor is not told of these, and every render then failed. */
    @Test
    void partialsParentsAndBlocksAreRefused() {
        for (String text : List.of("{{<parent}}{{/parent}}", "{{$b}}{{>footer}}{{/b}}", "{{> footer}}")) {
            assertThat(TemplateCheck.check("textBody", text, false)).as(text).isNotEmpty()
                    .allSatisfy(problem -> assertThat(problem.message()).contains("not supported"));
        }
    }

    /** Found by fuzzing: {{.}} at the top printed the whole profile, e-mail and phone included. */
    @Test
    void theCurrentElementIsPrintedOnlyOnAValue() {
        assertThat(TemplateCheck.check("textBody", "Tiedot: {{.}}", false)).singleElement().satisfies(problem -> {
            assertThat(problem.message()).contains("whole record");
            assertThat(problem.column()).isEqualTo(9);
        });
        assertThat(TemplateCheck.check("textBody", "{{#profile.master}}{{this}}{{/profile.master}}", false)).hasSize(1);
        assertThat(TemplateCheck.check("textBody", "{{^profile.segments}}{{.}}{{/profile.segments}}", false)).hasSize(1);
        assertThat(TemplateCheck.check("textBody", "{{#profile.segments}}{{.}} {{/profile.segments}}", false)).isEmpty();
        assertThat(TemplateCheck.check("textBody",
                "{{#profile.master}}{{#firstName}}Hei {{.}}{{/firstName}}{{/profile.master}}", false)).isEmpty();
    }

    @Test
    void anOrdinaryTemplateRendersWithinTheBounds() {
        assertThat(TemplateRenderer.render(null, "<p>Hei {{profile.name}}</p>", "Hei {{profile.name}}",
                Map.of("profile", Map.of("name", "Aino <b>"))).htmlBody()).isEqualTo("<p>Hei Aino &lt;b&gt;</p>");
    }
}
