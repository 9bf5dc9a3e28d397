package org.touchpointcrm.notifier.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.touchpointcrm.rules.ProfilePaths;
import org.touchpointcrm.rules.ProfilePaths.Kind;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

/**
 * Whether one template text can be rendered over any profile: it compiles, names no partials, and every
 * name it reads is a profile path ({@link ProfilePaths}, derived from the Avro schema), e.g.
 * {@code {{profile.master.firstName}}}; inside a section over a record or a list of records, that
 * record's own fields may be named alone ({@code {{#profile.master}}{{firstName}}{{/profile.master}}}). An HTML
 * body escapes every value it prints ({@link #refusedTags}), and sections nest within the bound of rendering.
 */
public final class TemplateCheck {

    /** Mustache's own names for the current element and its position in a list. */
    private static final Set<String> BUILT_IN_NAMES = Set.of(".", "this", "-first", "-last", "-index");
    private static final Pattern PARSE_LINE = Pattern.compile("@ line (\\d+)");
    /**
     * A tag printing without escaping ({{{ or {{&), changing the delimiters ({{=), or loading another
     * template (a partial {{>, a parent {{<, a block {{$ that may hold a partial).
     */
    private static final Pattern RISKY_TAG = Pattern.compile("\\{\\{\\s*([{&=<$>])");
    /** Any tag, with its kind (#, ^, /, &) and name; delimiters are never changed, so every tag is {{...}}. */
    private static final Pattern TAG = Pattern.compile("\\{\\{(\\{?)\\s*([#^/&]?)\\s*([^{}]*?)\\s*}?}}");
    /** Mustache's names for the element a section stands on. */
    private static final Set<String> CURRENT_ELEMENT = Set.of(".", "this");

    private TemplateCheck() {
    }

    /**
     * Every part of one template: the subject and the HTML body where there are any, and the text body.
     *
     * @param prefix what the template is, e.g. {@code templates[EMAIL/fi].}
     */
    public static List<TextProblem> check(String prefix, String subject, String htmlBody, String textBody) {
        List<TextProblem> problems = new ArrayList<>();
        if (subject != null) {
            problems.addAll(check(prefix + "subject", subject, false));
        }
        if (htmlBody != null) {
            problems.addAll(check(prefix + "htmlBody", htmlBody, true));
        }
        problems.addAll(check(prefix + "textBody", textBody, false));
        return problems;
    }

    /**
     * @param part what the text is, for the messages, e.g. {@code templates[EMAIL/fi].subject}
     * @return every problem, in the order of the text; empty when it is fine
     */
    public static List<TextProblem> check(String part, String text, boolean html) {
        List<TextProblem> refused = refusedTags(part, text, html);
        refused.addAll(wholeRecords(part, text));
        if (!refused.isEmpty()) {
            return refused;
        }
        Template template;
        try {
            template = TemplateEngine.compile(text, html);
        } catch (MustacheException e) {
            Matcher line = PARSE_LINE.matcher(String.valueOf(e.getMessage()));
            return List.of(new TextProblem(part, line.find() ? Integer.parseInt(line.group(1)) : 0, 0,
                    "does not compile: " + e.getMessage()));
        } catch (RenderLimitException e) {
            return List.of(new TextProblem(part, 0, 0, e.getMessage() + "; flatten the sections"));
        } catch (RuntimeException e) {
            // JMustache's parser fails on some degenerate tags ({{}}) with an index error of its own.
            return List.of(new TextProblem(part, 0, 0, "does not compile: an empty or malformed tag; write tags"
                    + " like {{profile.master.firstName}}"));
        }
        Names names = new Names(part, text);
        template.visit(names);
        return names.problems;
    }

    /**
     * Tags a template may not hold: in an HTML body, those that print a value without escaping it
     * ({@code {{{x}}}}, {@code {{& x}}}: a customer's name could then carry markup into the mail and
     * its links); anywhere, a change of delimiters, behind which either could hide.
     */
    private static List<TextProblem> refusedTags(String part, String text, boolean html) {
        List<TextProblem> problems = new ArrayList<>();
        Matcher tag = RISKY_TAG.matcher(text);
        while (tag.find()) {
            String kind = tag.group(1);
            int[] at = position(text, tag.start());
            if ("=".equals(kind)) {
                problems.add(new TextProblem(part, at[0], at[1], "changes the delimiters ({{=...=}}), which templates"
                        + " may not; write every tag with {{ }}"));
            } else if ("<$>".contains(kind)) {
                problems.add(new TextProblem(part, at[0], at[1], "partials and template inheritance ({{> name}},"
                        + " {{< name}}, {{$ name}}) are not supported; write the text into the template"));
            } else if (html) {
                problems.add(new TextProblem(part, at[0], at[1], "prints a value without HTML escaping ("
                        + ("&".equals(kind) ? "{{& name}}" : "{{{name}}}") + "), which an HTML body may not: a value"
                        + " holding markup would reach the e-mail; write {{name}}, which escapes it"));
            }
        }
        return problems;
    }

    /**
     * {@code {{.}}} and {@code {{this}}} print the element a section stands on: inside a section over a
     * value or a list of values (e.g. {@code profile.segments}) that element, but at the top or in a section
     * over a record the whole record: the whole profile, its contact data and consents, into a message.
     */
    private static List<TextProblem> wholeRecords(String part, String text) {
        List<TextProblem> problems = new ArrayList<>();
        Deque<Optional<String>> sections = new ArrayDeque<>();
        Matcher tag = TAG.matcher(text);
        while (tag.find()) {
            String kind = tag.group(2);
            String name = tag.group(3);
            switch (kind) {
                case "#" -> sections.push(resolve(name, innermost(sections)));
                case "^" -> sections.push(innermost(sections)); // an inverted section keeps the context
                case "/" -> sections.poll();
                default -> {
                    if (CURRENT_ELEMENT.contains(name) && !onAValue(innermost(sections))) {
                        int[] at = position(text, tag.start());
                        problems.add(new TextProblem(part, at[0], at[1], "{{" + name + "}} here prints a whole record"
                                + " (at the top, the whole profile); use it only inside a section over a value or a"
                                + " list of values, e.g. {{#profile.segments}}{{.}} {{/profile.segments}}"));
                    }
                }
            }
        }
        return problems;
    }

    private static Optional<String> innermost(Deque<Optional<String>> sections) {
        return sections.isEmpty() ? Optional.empty() : sections.peek();
    }

    /** A section's profile path: absolute, or a field of the record the enclosing section stands on. */
    private static Optional<String> resolve(String name, Optional<String> enclosing) {
        if (ProfilePaths.instance().find(name).isPresent()) {
            return Optional.of(name);
        }
        return enclosing.map(outer -> outer + "." + name).filter(path -> ProfilePaths.instance().find(path).isPresent());
    }

    private static boolean onAValue(Optional<String> section) {
        return section.flatMap(ProfilePaths.instance()::find)
                .map(path -> path.kind() == Kind.VALUE || path.kind() == Kind.LIST && path.elementFields().isEmpty())
                .orElse(false);
    }

    /** The 1-based line and column of an offset in the text. */
    private static int[] position(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new int[] {line, offset - lineStart + 1};
    }

    /** Checks each name as the template is walked, sections before what they contain. */
    private static final class Names implements Mustache.Visitor {

        private final String part;
        private final String text;
        private final List<TextProblem> problems = new ArrayList<>();
        /** Field names a section opened so far lets its content name alone. */
        private final Set<String> relative = new HashSet<>();
        private final Set<String> reported = new HashSet<>();

        Names(String part, String text) {
            this.part = part;
            this.text = text;
        }

        @Override
        public void visitText(String text) {
        }

        @Override
        public void visitVariable(String name) {
            Optional<ProfilePaths.Path> path = ProfilePaths.instance().find(name);
            if (path.isPresent() && path.get().kind() != Kind.VALUE) {
                refuse(name, "'" + name + "' is a " + path.get().kind().name().toLowerCase(Locale.ROOT)
                        + ", not a value to print; name one of its fields, or repeat over it with {{#" + name + "}}...{{/"
                        + name + "}}");
            } else if (path.isEmpty()) {
                checkKnown(name);
            }
        }

        @Override
        public boolean visitSection(String name) {
            ProfilePaths.instance().find(name).ifPresentOrElse(path -> {
                switch (path.kind()) {
                    case RECORD -> ProfilePaths.instance().all().keySet().stream()
                            .filter(p -> p.startsWith(name + ".")).map(p -> p.substring(name.length() + 1))
                            .forEach(relative::add);
                    case LIST -> relative.addAll(path.elementFields());
                    default -> { }
                }
            }, () -> checkKnown(name));
            return true;
        }

        @Override
        public boolean visitInvertedSection(String name) {
            if (ProfilePaths.instance().find(name).isEmpty()) {
                checkKnown(name);
            }
            return true;
        }

        @Override
        public boolean visitInclude(String name) {
            refuse(name, "partials ({{> " + name + "}}) are not supported; write the text into the template");
            return false;
        }

        private void checkKnown(String name) {
            if (BUILT_IN_NAMES.contains(name) || relative.contains(name)) {
                return;
            }
            String message = "unknown name '" + name + "'";
            String qualified = ProfilePaths.ROOT + "." + name;
            Optional<String> suggestion = ProfilePaths.instance().find(qualified).isPresent() ? Optional.of(qualified)
                    : ProfilePaths.instance().didYouMean(name);
            refuse(name, suggestion.map(s -> message + "; did you mean '" + s + "'?")
                    .orElse(message + ": templates read the profile, e.g. {{profile.master.firstName}};"
                            + " docs/campaigns.md lists the names"));
        }

        private void refuse(String name, String message) {
            if (!reported.add(name)) {
                return;
            }
            int at = tagOffset(name);
            int[] position = at >= 0 ? position(text, at) : new int[] {0, 0};
            problems.add(new TextProblem(part, position[0], position[1], message));
        }

        /** Where the first tag naming {@code name} starts, or -1. */
        private int tagOffset(String name) {
            Matcher tag = Pattern.compile("\\{\\{\\{?\\s*[#^/&>]?\\s*" + Pattern.quote(name) + "\\s*}?}}").matcher(text);
            return tag.find() ? tag.start() : -1;
        }
    }
}
