package org.touchpointcrm.notifier.definitions;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.ContactFieldsRefusedException;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.notifier.definitions.CampaignRequest.Template;
import org.touchpointcrm.notifier.templates.TemplateCheck;
import org.touchpointcrm.notifier.templates.TextProblem;
import org.touchpointcrm.rules.ProfileRuleCompiler;
import org.touchpointcrm.rules.RuleCompileException;
import org.touchpointcrm.rules.SegmentDefinitions;

/**
 * Everything a campaign must be before it is written: first its fields (each wrong one named, 400),
 * then its texts: the audience rule compiles with the segments' compiler, every channel has a template in
 * the default language, and every template compiles and names only profile fields (422). A campaign that
 * fails either never reaches the topic.
 */
final class CampaignChecks {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_SUBJECT = 200;
    static final int MAX_BODY = 100_000;
    /** Ten concatenated SMS segments of 160 characters. */
    static final int MAX_SMS = 1600;
    static final int MAX_HOLDOUT_PERCENT = 50;
    static final Duration MAX_DURATION = Duration.ofDays(365);
    private static final Set<Channel> CHANNELS = Set.of(Channel.EMAIL, Channel.SMS);
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}");
    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final ProfileRuleCompiler compiler;

    CampaignChecks(ProfileRuleCompiler compiler) {
        this.compiler = compiler;
    }

    /**
     * @param client whose key writes or checks it: an audience rule may read contact fields only with
     *               {@link org.touchpointcrm.access.Operation#CONTACTS_READ}
     * @throws DefinitionRefusedException naming every wrong field, else every problem of the texts
     * @throws ContactFieldsRefusedException when the audience reads contact fields the client may not use
     */
    void check(CampaignRequest request, ApiClient client) {
        List<FieldError> errors = new ArrayList<>();
        fields(request, errors);
        if (!errors.isEmpty()) {
            throw DefinitionRefusedException.fields(errors);
        }
        List<TextProblem> problems = new ArrayList<>(audience(request.audience(), client));
        problems.addAll(templates(request));
        if (!problems.isEmpty()) {
            throw DefinitionRefusedException.problems(problems);
        }
    }

    /**
     * Why the audience rule does not compile, as the segments' compiler words it; empty when it does.
     *
     * @throws ContactFieldsRefusedException when it reads contact fields the client may not use
     */
    List<TextProblem> audience(String rule, ApiClient client) {
        if (rule == null || rule.isBlank()) {
            return List.of();
        }
        try {
            ContactFieldsRefusedException.check(client, "audience rule", compiler.compile(rule).contactFieldsRead());
            return List.of();
        } catch (RuleCompileException e) {
            return e.problems().stream().map(p -> new TextProblem("audience", p.line(), p.column(), p.message())).toList();
        }
    }

    private static void fields(CampaignRequest request, List<FieldError> errors) {
        if (request.name() == null || request.name().isBlank()) {
            errors.add(new FieldError("name", "is missing; give the campaign a name people understand"));
        } else {
            BoundedText.problem(request.name().strip(), MAX_NAME).ifPresent(problem -> errors.add(new FieldError("name", problem)));
        }
        BoundedText.problem(request.description(), MAX_DESCRIPTION)
                .ifPresent(problem -> errors.add(new FieldError("description", problem)));
        if (request.status() == CampaignStatus.UNKNOWN) {
            errors.add(new FieldError("status", "must be DRAFT, ACTIVE, PAUSED or ENDED"));
        }
        trigger(request.trigger(), errors);
        channels(request.channels(), errors);
        if (request.consentPurpose() == null || !PURPOSE.matcher(request.consentPurpose()).matches()) {
            errors.add(new FieldError("consentPurpose", "must be a consent purpose in lower-case kebab-case, e.g."
                    + " marketing; was " + quoted(request.consentPurpose())));
        }
        if (request.defaultLanguage() == null || !LANGUAGE.matcher(request.defaultLanguage()).matches()) {
            errors.add(new FieldError("defaultLanguage", "must be a two-letter ISO 639-1 code in lower case, e.g. fi;"
                    + " was " + quoted(request.defaultLanguage())));
        }
        templateFields(request, errors);
        if (request.startAt() != null && request.endAt() != null && !request.endAt().isAfter(request.startAt())) {
            errors.add(new FieldError("endAt", "must be after startAt (" + request.startAt() + "); was " + request.endAt()));
        }
        if (request.frequencyCap() != null) {
            Integer max = request.frequencyCap().maxMessages();
            if (max == null || max < 1 || max > 1000) {
                errors.add(new FieldError("frequencyCap.maxMessages", "must be a whole number from 1 to 1000; was " + max));
            }
            if (request.frequencyCap().period() == null) {
                errors.add(new FieldError("frequencyCap.period", "is missing; write an ISO-8601 duration, e.g. P30D"));
            } else {
                duration("frequencyCap.period", request.frequencyCap().period(), errors);
            }
        }
        Integer holdout = request.holdoutPercent();
        if (holdout != null && (holdout < 0 || holdout > MAX_HOLDOUT_PERCENT)) {
            errors.add(new FieldError("holdoutPercent", "must be from 0 to " + MAX_HOLDOUT_PERCENT + "; was " + holdout));
        }
    }

    private static void trigger(CampaignRequest.Trigger trigger, List<FieldError> errors) {
        if (trigger == null) {
            errors.add(new FieldError("trigger", "is missing; e.g. {\"segmentId\": \"new\", \"change\": \"ENTERED\"}"));
            return;
        }
        if (!SegmentDefinitions.isValidId(trigger.segmentId())) {
            errors.add(new FieldError("trigger.segmentId", "must be a segment id (lower-case kebab-case), e.g. new;"
                    + " was " + quoted(trigger.segmentId())));
        }
        if (trigger.change() == null) {
            errors.add(new FieldError("trigger.change", "is missing; write ENTERED or EXITED"));
        }
        if (trigger.delay() != null) {
            duration("trigger.delay", trigger.delay(), errors);
        }
    }

    private static void channels(List<Channel> channels, List<FieldError> errors) {
        if (channels == null || channels.isEmpty()) {
            errors.add(new FieldError("channels", "is missing; list them in order of preference, e.g. [\"EMAIL\", \"SMS\"]"));
        } else if (!CHANNELS.containsAll(channels) || new HashSet<>(channels).size() != channels.size()) {
            errors.add(new FieldError("channels", "must name EMAIL and SMS at most once each, in order of preference;"
                    + " was " + channels));
        }
    }

    private static void templateFields(CampaignRequest request, List<FieldError> errors) {
        if (request.templates() == null || request.templates().isEmpty()) {
            errors.add(new FieldError("templates", "is missing; write one per channel in the default language at least"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.templates().size(); i++) {
            Template template = request.templates().get(i);
            String at = "templates[" + i + "]";
            if (template == null) {
                errors.add(new FieldError(at, "is empty"));
                continue;
            }
            if (template.channel() == null || !CHANNELS.contains(template.channel())) {
                errors.add(new FieldError(at + ".channel", "must be EMAIL or SMS; was " + template.channel()));
            } else if (request.channels() != null && !request.channels().contains(template.channel())) {
                errors.add(new FieldError(at + ".channel", "is " + template.channel() + ", which channels does not list"));
            }
            if (template.language() == null || !LANGUAGE.matcher(template.language()).matches()) {
                errors.add(new FieldError(at + ".language", "must be a two-letter ISO 639-1 code in lower case, e.g. en;"
                        + " was " + quoted(template.language())));
            } else if (!seen.add(template.channel() + "/" + template.language())) {
                errors.add(new FieldError(at, "is a second " + template.channel() + " template in '" + template.language()
                        + "'; keep one"));
            }
            if (template.channel() == Channel.SMS) {
                if (template.subject() != null || template.htmlBody() != null) {
                    errors.add(new FieldError(at, "is an SMS: it has a textBody only, no subject or htmlBody"));
                }
                text(at + ".textBody", template.textBody(), MAX_SMS, errors);
            } else if (template.channel() == Channel.EMAIL) {
                if (template.subject() != null && template.subject().contains("\n")) {
                    errors.add(new FieldError(at + ".subject", "must be one line"));
                } else {
                    line(at + ".subject", template.subject(), MAX_SUBJECT, errors);
                }
                text(at + ".htmlBody", template.htmlBody(), MAX_BODY, errors);
                text(at + ".textBody", template.textBody(), MAX_BODY, errors);
            }
        }
    }

    private static List<TextProblem> templates(CampaignRequest request) {
        List<TextProblem> problems = new ArrayList<>();
        for (Channel channel : request.channels()) {
            boolean covered = request.templates().stream()
                    .anyMatch(t -> t.channel() == channel && request.defaultLanguage().equals(t.language()));
            if (!covered) {
                problems.add(new TextProblem("templates", 0, 0, channel + " has no template in the default language '"
                        + request.defaultLanguage() + "'; add one, or take " + channel + " out of channels"));
            }
        }
        for (Template template : request.templates()) {
            problems.addAll(TemplateCheck.check("templates[" + template.channel() + "/" + template.language() + "].",
                    template.subject(), template.htmlBody(), template.textBody()));
        }
        return problems;
    }

    /** A text of several lines (a body, an SMS): bounded, and free of control characters but line breaks and tabs. */
    private static void text(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing"));
        } else {
            BoundedText.multiLineProblem(value, max).ifPresent(problem -> errors.add(new FieldError(field, problem)));
        }
    }

    /** A text of one line (a subject). */
    private static void line(String field, String value, int max, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is missing"));
        } else {
            BoundedText.problem(value, max).ifPresent(problem -> errors.add(new FieldError(field, problem)));
        }
    }

    /** An ISO-8601 duration of some time up to a year, as java.time.Duration reads it (a day is 24 hours). */
    static void duration(String field, String value, List<FieldError> errors) {
        try {
            Duration duration = Duration.parse(value);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                errors.add(new FieldError(field, "must be more than nothing and at most P365D; was " + quoted(value)));
            }
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be an ISO-8601 duration in days, hours or minutes, e.g. P3D or PT12H;"
                    + " was " + quoted(value)));
        }
    }

    private static String quoted(String value) {
        return BoundedText.quote(value);
    }
}
