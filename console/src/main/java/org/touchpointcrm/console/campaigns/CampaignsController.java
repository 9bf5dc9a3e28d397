package org.touchpointcrm.console.campaigns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.touchpointcrm.console.apis.ApiProblem;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;
import org.touchpointcrm.console.web.ChartData;
import org.touchpointcrm.console.web.CurrentUser;
import org.touchpointcrm.console.web.Scoped;

/**
 * Campaigns: the list, create and edit (If-Match), a template rendered over a chosen customer's profile, and
 * the results, treated against control, with the uplift.
 */
@Controller
public class CampaignsController {

    private static final String CAMPAIGNS = "/v1/campaigns";
    private static final List<String> SLOTS = List.of("EMAIL/fi", "EMAIL/en", "SMS/fi", "SMS/en");

    /** The rows of the results table, in the order a marketer reads them. */
    private static final List<String> MEASURES = List.of("customers", "decided", "sent", "delivered", "opened", "clicked",
            "unsubscribed", "failed", "conversions");

    private final ServiceApis apis;
    private final ChartData charts;
    private final MessageSource messages;

    public CampaignsController(ServiceApis apis, ChartData charts, MessageSource messages) {
        this.apis = apis;
        this.charts = charts;
        this.messages = messages;
    }

    @InitBinder("form")
    void bindFields(WebDataBinder binder) {
        binder.initDirectFieldAccess();
    }

    @GetMapping("/campaigns")
    String list(Model model) {
        Scoped.require(CurrentUser.get().scopes().campaignsRead());
        model.addAttribute("campaigns", apis.getList(CurrentUser.key(), Service.NOTIFIER, uri -> uri.path(CAMPAIGNS).build()));
        return "campaigns/list";
    }

    @GetMapping("/campaigns/new")
    String create(Model model) {
        Scoped.require(CurrentUser.get().scopes().campaignsWrite());
        return form(new CampaignForm(), true, model);
    }

    @PostMapping("/campaigns")
    String save(@ModelAttribute("form") CampaignForm form, Model model, RedirectAttributes redirect) {
        Scoped.require(CurrentUser.get().scopes().campaignsWrite());
        try {
            apis.exchange(CurrentUser.key(), Service.NOTIFIER, HttpMethod.POST, uri -> uri.path(CAMPAIGNS).build(),
                    form.body(true), null);
        } catch (ApiProblem problem) {
            return formAgain(form, problem, true, model);
        }
        redirect.addFlashAttribute("notice", "campaigns.saved");
        return "redirect:/campaigns/" + form.id.strip();
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable String id, Model model) {
        Scoped.require(CurrentUser.get().scopes().campaignsRead());
        String key = CurrentUser.key();
        model.addAttribute("campaign", apis.get(key, Service.NOTIFIER, uri -> uri.path(CAMPAIGNS + "/{id}").build(id)));
        try {
            Map<String, Object> results = apis.get(key, Service.NOTIFIER, uri -> uri.path(CAMPAIGNS + "/{id}/results").build(id));
            model.addAttribute("results", results);
            model.addAttribute("measures", MEASURES);
            Map<String, Double> rates = rates(results);
            model.addAttribute("rates", rates);
            model.addAttribute("chart", charts.bars(List.of(message("campaigns.treated"), message("campaigns.control")),
                    java.util.Arrays.asList(rates.get("treated"), rates.get("control")), message("campaigns.measure.rate")));
        } catch (ApiProblem problem) {
            if (problem.status() != 503 && problem.status() != 404) {
                throw problem;
            }
            model.addAttribute("resultsProblem", problem);
        }
        return "campaigns/campaign";
    }

    @GetMapping("/campaigns/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        Scoped.require(CurrentUser.get().scopes().campaignsWrite());
        ResponseEntity<Map<String, Object>> campaign = apis.exchange(CurrentUser.key(), Service.NOTIFIER, HttpMethod.GET,
                uri -> uri.path(CAMPAIGNS + "/{id}").build(id), null, null);
        return form(CampaignForm.of(campaign.getBody(), campaign.getHeaders().getETag()), false, model);
    }

    @PostMapping("/campaigns/{id}")
    String change(@PathVariable String id, @ModelAttribute("form") CampaignForm form, Model model,
                  RedirectAttributes redirect) {
        Scoped.require(CurrentUser.get().scopes().campaignsWrite());
        form.id = id;
        try {
            apis.exchange(CurrentUser.key(), Service.NOTIFIER, HttpMethod.PUT, uri -> uri.path(CAMPAIGNS + "/{id}").build(id),
                    form.body(false), form.version);
        } catch (ApiProblem problem) {
            return formAgain(form, problem, false, model);
        }
        redirect.addFlashAttribute("notice", "campaigns.saved");
        return "redirect:/campaigns/" + id;
    }

    /**
     * One template of the form rendered by the notifier ({@code :render}) over the profile of the customer the
     * user names, read with the user's own key; the notifier reads no stored profile itself.
     */
    @PostMapping("/campaigns/render")
    String render(@ModelAttribute("form") CampaignForm form, @RequestParam(defaultValue = "EMAIL/fi") String slot,
                  @RequestParam(defaultValue = "") String sampleCustomer, Model model) {
        Scoped.require(CurrentUser.get().scopes().campaignsWrite());
        String key = CurrentUser.key();
        try {
            Map<String, Object> profile = Map.of();
            String customer = sampleCustomer.strip();
            if (!customer.isEmpty() && customer.length() <= 200 && CurrentUser.get().scopes().profilesRead()) {
                profile = apis.get(key, Service.SEGMENTATION, uri -> uri.path("/v1/customers/{id}/profile").build(customer));
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("template", form.template(SLOTS.contains(slot) ? slot : "EMAIL/fi"));
            body.put("profile", profile);
            model.addAttribute("rendered", apis.exchange(key, Service.NOTIFIER, HttpMethod.POST,
                    uri -> uri.path(CAMPAIGNS + ":render").build(), body, null).getBody());
        } catch (ApiProblem problem) {
            model.addAttribute("problem", problem);
        }
        return "campaigns/form :: rendered";
    }

    private String form(CampaignForm form, boolean creating, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("creating", creating);
        model.addAttribute("slots", SLOTS);
        model.addAttribute("statuses", List.of("DRAFT", "ACTIVE", "PAUSED", "ENDED"));
        return "campaigns/form";
    }

    private String formAgain(CampaignForm form, ApiProblem problem, boolean creating, Model model) {
        if (problem.status() >= 500 || problem.status() == 401) {
            throw problem;
        }
        model.addAttribute("problem", problem);
        return form(form, creating, model);
    }

    private String message(String code) {
        return messages.getMessage(code, null, LocaleContextHolder.getLocale());
    }

    /** Conversion rates in per cent, treated and control, for the bar chart; the table beside it has the counts. */
    @SuppressWarnings("unchecked")
    private static Map<String, Double> rates(Map<String, Object> results) {
        Map<String, Object> treated = (Map<String, Object>) results.getOrDefault("treated", Map.of());
        Map<String, Object> control = (Map<String, Object>) results.getOrDefault("control", Map.of());
        Map<String, Double> rates = new java.util.HashMap<>();
        rates.put("treated", percent(treated.get("conversionRate")));
        rates.put("control", percent(control.get("conversionRate")));
        return rates;
    }

    /** In per cent; null while the group has no customers (the service's null), shown as a dash, not as 0 %. */
    private static Double percent(Object rate) {
        return rate instanceof Number n ? Math.round(n.doubleValue() * 10_000) / 100.0 : null;
    }
}
