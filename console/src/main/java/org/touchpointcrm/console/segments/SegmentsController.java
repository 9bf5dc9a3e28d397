package org.touchpointcrm.console.segments;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.touchpointcrm.console.apis.ApiProblem;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;
import org.touchpointcrm.console.web.ChartData;
import org.touchpointcrm.console.web.CurrentUser;
import org.touchpointcrm.console.web.Scoped;

/**
 * Segments: the list with sizes, one segment with its size over time, the rule editor (validated as the
 * marketer types, previewed, published), changes with If-Match, retiring, and the members.
 */
@Controller
public class SegmentsController {

    private static final String DEFINITIONS = "/v1/segment-definitions";
    private static final int MEMBERS_PAGE = 50;
    private static final int MAX_RULE = 8_000;

    private final ServiceApis apis;
    private final ChartData charts;
    private final MessageSource messages;

    public SegmentsController(ServiceApis apis, ChartData charts, MessageSource messages) {
        this.apis = apis;
        this.charts = charts;
        this.messages = messages;
    }

    @GetMapping("/segments")
    String list(Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsRead());
        String key = CurrentUser.key();
        List<Map<String, Object>> definitions = apis.getList(key, Service.SEGMENTATION, uri -> uri.path(DEFINITIONS).build());
        Map<String, Object> sizes = new HashMap<>();
        sizesOf(key).forEach(s -> sizes.put(s.get("id").toString(), s.get("size")));
        model.addAttribute("definitions", definitions);
        model.addAttribute("sizes", sizes);
        return "segments/list";
    }

    @GetMapping("/segments/new")
    String create(Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        model.addAttribute("form", SegmentForm.empty());
        model.addAttribute("creating", true);
        return "segments/editor";
    }

    @PostMapping("/segments/validate")
    String validate(@RequestParam(defaultValue = "") String rule, Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        try {
            model.addAttribute("validation", apis.exchange(CurrentUser.key(), Service.SEGMENTATION, HttpMethod.POST,
                    uri -> uri.path(DEFINITIONS + ":validate").build(), Map.of("rule", bounded(rule)), null).getBody());
        } catch (ApiProblem problem) {
            model.addAttribute("ruleProblem", problem);
        }
        return "segments/editor :: validation";
    }

    @PostMapping("/segments/preview")
    String preview(@RequestParam(defaultValue = "") String rule, Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        try {
            model.addAttribute("preview", apis.exchange(CurrentUser.key(), Service.SEGMENTATION, HttpMethod.POST,
                    uri -> uri.path(DEFINITIONS + ":preview").build(), Map.of("rule", bounded(rule)), null).getBody());
        } catch (ApiProblem problem) {
            model.addAttribute("previewProblem", problem);
        }
        return "segments/editor :: preview";
    }

    @PostMapping("/segments")
    String publish(@ModelAttribute SegmentForm form, Model model, RedirectAttributes redirect) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        try {
            apis.exchange(CurrentUser.key(), Service.SEGMENTATION, HttpMethod.POST, uri -> uri.path(DEFINITIONS).build(),
                    form.body(true), null);
        } catch (ApiProblem problem) {
            return editorAgain(form, problem, true, model);
        }
        redirect.addFlashAttribute("notice", "segments.published");
        return "redirect:/segments/" + form.id().strip();
    }

    @GetMapping("/segments/{id}")
    String segment(@PathVariable String id, @RequestParam(defaultValue = "1") int days, Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsRead());
        String key = CurrentUser.key();
        ResponseEntity<Map<String, Object>> definition = apis.exchange(key, Service.SEGMENTATION, HttpMethod.GET,
                uri -> uri.path(DEFINITIONS + "/{id}").build(id), null, null);
        int period = days == 7 ? 7 : days == 30 ? 30 : 1;
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        Instant from = to.minus(Duration.ofDays(period));
        model.addAttribute("definition", definition.getBody());
        model.addAttribute("etag", definition.getHeaders().getETag());
        model.addAttribute("size", sizesOf(key).stream().filter(s -> id.equals(s.get("id"))).map(s -> s.get("size"))
                .findFirst().orElse(null));
        model.addAttribute("days", period);
        try {
            Map<String, Object> stats = apis.get(key, Service.SEGMENTATION, uri -> uri.path("/v1/segments/{id}/stats")
                    .queryParam("from", from).queryParam("to", to).build(id));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> hours = (List<Map<String, Object>>) stats.getOrDefault("hours", List.of());
            model.addAttribute("hours", hours);
            // The service lists only the hours in which the size changed; the line carries the last size on to now.
            List<Map<String, Object>> line = new java.util.ArrayList<>(hours);
            if (!hours.isEmpty()) {
                line.add(Map.of("hourStart", Instant.now().truncatedTo(ChronoUnit.MINUTES).toString(),
                        "size", hours.getLast().get("size")));
            }
            model.addAttribute("chart", charts.line(line, "hourStart", "size",
                    messages.getMessage("segments.size", null, LocaleContextHolder.getLocale())));
        } catch (ApiProblem problem) {
            model.addAttribute("statsProblem", problem);
        }
        return "segments/detail";
    }

    @GetMapping("/segments/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        ResponseEntity<Map<String, Object>> definition = apis.exchange(CurrentUser.key(), Service.SEGMENTATION,
                HttpMethod.GET, uri -> uri.path(DEFINITIONS + "/{id}").build(id), null, null);
        model.addAttribute("form", SegmentForm.of(definition.getBody(), definition.getHeaders().getETag()));
        model.addAttribute("creating", false);
        return "segments/editor";
    }

    @PostMapping("/segments/{id}")
    String change(@PathVariable String id, @ModelAttribute SegmentForm form, Model model, RedirectAttributes redirect) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        try {
            apis.exchange(CurrentUser.key(), Service.SEGMENTATION, HttpMethod.PUT,
                    uri -> uri.path(DEFINITIONS + "/{id}").build(id), form.body(false), form.version());
        } catch (ApiProblem problem) {
            return editorAgain(new SegmentForm(id, form.name(), form.description(), form.rule(), form.status(),
                    form.version()), problem, false, model);
        }
        redirect.addFlashAttribute("notice", "segments.changed");
        return "redirect:/segments/" + id;
    }

    @PostMapping("/segments/{id}/retire")
    String retire(@PathVariable String id, @RequestParam(required = false) String version, RedirectAttributes redirect) {
        Scoped.require(CurrentUser.get().scopes().segmentsWrite());
        apis.exchange(CurrentUser.key(), Service.SEGMENTATION, HttpMethod.DELETE,
                uri -> uri.path(DEFINITIONS + "/{id}").build(id), null, version);
        redirect.addFlashAttribute("notice", "segments.retired");
        return "redirect:/segments/" + id;
    }

    @GetMapping("/segments/{id}/members")
    String members(@PathVariable String id, @RequestParam(required = false) String cursor, Model model) {
        Scoped.require(CurrentUser.get().scopes().profilesRead());
        model.addAttribute("segmentId", id);
        try {
            model.addAttribute("page", apis.get(CurrentUser.key(), Service.SEGMENTATION, uri -> {
                var builder = uri.path("/v1/segments/{id}/members").queryParam("limit", MEMBERS_PAGE);
                if (cursor != null && !cursor.isBlank()) {
                    builder.queryParam("cursor", cursor.length() > 512 ? cursor.substring(0, 512) : cursor);
                }
                return builder.build(id);
            }));
        } catch (ApiProblem problem) {
            if (!problem.noSuchRoute()) {
                throw problem;
            }
            model.addAttribute("notYet", true);
        }
        return "segments/members";
    }

    @GetMapping("/segments/{id}/members.csv")
    ResponseEntity<StreamingResponseBody> membersCsv(@PathVariable String id) {
        Scoped.require(CurrentUser.get().scopes().profilesRead());
        String key = CurrentUser.key();
        StreamingResponseBody body = out -> apis.stream(key, Service.SEGMENTATION,
                uri -> uri.path("/v1/segments/{id}/members.csv").build(id), out);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + id.replaceAll("[^A-Za-z0-9._-]", "_")
                        + "-members.csv\"")
                .body(body);
    }

    private String editorAgain(SegmentForm form, ApiProblem problem, boolean creating, Model model) {
        if (problem.status() >= 500 || problem.status() == 401) {
            throw problem;
        }
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        model.addAttribute("problem", problem);
        return "segments/editor";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sizesOf(String key) {
        try {
            return (List<Map<String, Object>>) apis.get(key, Service.SEGMENTATION, uri -> uri.path("/v1/segments").build())
                    .get("segments");
        } catch (ApiProblem problem) {
            if (problem.status() == 503) {
                return List.of();
            }
            throw problem;
        }
    }

    /** A rule longer than the service would take is cut, and the service says how long a rule may be. */
    private static String bounded(String rule) {
        return rule.length() > MAX_RULE ? rule.substring(0, MAX_RULE) : rule;
    }
}
