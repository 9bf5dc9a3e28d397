package org.touchpointcrm.console.customers;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.touchpointcrm.console.ConsoleProperties;
import org.touchpointcrm.console.apis.ApiProblem;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;
import org.touchpointcrm.console.web.CurrentUser;
import org.touchpointcrm.console.web.Scoped;

/**
 * Customer 360: find a customer by id, e-mail, phone or card, then the profile (RFM, life cycle, windows,
 * spend), segments, consents, the timeline (touchpoints, campaign messages and their outcomes, feedback).
 */
@Controller
public class CustomersController {

    private static final int TIMELINE_PAGE = 25;

    private final ServiceApis apis;
    private final CustomerReferences references;

    public CustomersController(ServiceApis apis, ConsoleProperties properties) {
        this.apis = apis;
        this.references = new CustomerReferences(properties.defaultRegion());
    }

    @GetMapping("/customers")
    String search(@RequestParam(required = false) CustomerReferences.Kind kind, @RequestParam(required = false) String q,
                  Model model) {
        Scoped.require(CurrentUser.get().scopes().profilesRead());
        model.addAttribute("kind", kind == null ? CustomerReferences.Kind.ID : kind);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("kinds", CustomerReferences.Kind.values());
        if (kind == null || q == null || q.isBlank()) {
            return "customers/search";
        }
        try {
            String id = references.keyOf(kind, q);
            return "redirect:/customers/" + org.springframework.web.util.UriUtils.encodePathSegment(id,
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            model.addAttribute("searchError", e.getMessage());
            return "customers/search";
        }
    }

    @GetMapping("/customers/{customerId}")
    String customer(@PathVariable String customerId, @RequestParam(required = false) String before, Model model) {
        Scoped.require(CurrentUser.get().scopes().profilesRead());
        String key = CurrentUser.key();
        model.addAttribute("customerId", customerId);
        model.addAttribute("kinds", CustomerReferences.Kind.values());
        model.addAttribute("kind", CustomerReferences.Kind.ID);
        model.addAttribute("q", customerId);
        try {
            model.addAttribute("profile", apis.get(key, Service.SEGMENTATION,
                    uri -> uri.path("/v1/customers/{id}/profile").build(customerId)));
        } catch (ApiProblem problem) {
            if (problem.status() != 404) {
                throw problem;
            }
            model.addAttribute("notFound", true);
            return "customers/search";
        }
        try {
            Map<String, Object> timeline = apis.get(key, Service.SEGMENTATION, uri -> {
                var builder = uri.path("/v1/customers/{id}/timeline").queryParam("limit", TIMELINE_PAGE);
                if (before != null && !before.isBlank()) {
                    builder.queryParam("before", before.length() > 40 ? before.substring(0, 40) : before);
                }
                return builder.build(customerId);
            });
            model.addAttribute("timeline", timeline);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> entries = (List<Map<String, Object>>) timeline.getOrDefault("entries", List.of());
            model.addAttribute("messages", entries.stream().filter(e -> e.get("campaignId") != null).toList());
            model.addAttribute("feedback", entries.stream().filter(e -> e.get("rating") != null || "FEEDBACK".equals(e.get("type"))).toList());
            model.addAttribute("consentChanges", entries.stream()
                    .filter(e -> String.valueOf(e.get("type")).startsWith("CONSENT_")).toList());
        } catch (ApiProblem problem) {
            if (!problem.noSuchRoute() && problem.status() != 404) {
                throw problem;
            }
            model.addAttribute("timelineNotYet", true);
        }
        return "customers/customer";
    }
}
