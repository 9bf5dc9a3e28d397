package org.touchpointcrm.console.overview;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.touchpointcrm.console.ConsoleProperties;
import org.touchpointcrm.console.apis.ApiProblem;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;
import org.touchpointcrm.console.signin.Scopes;
import org.touchpointcrm.console.web.CurrentUser;

/** The first page: what is moving now. The live part is fetched again every few seconds (htmx polling). */
@Controller
public class OverviewController {

    private static final int TOP_SEGMENTS = 12;

    private final ServiceApis apis;
    private final OperationalFigures figures;
    private final ConsoleProperties properties;

    public OverviewController(ServiceApis apis, OperationalFigures figures, ConsoleProperties properties) {
        this.apis = apis;
        this.figures = figures;
        this.properties = properties;
    }

    @GetMapping("/")
    String overview(Model model) {
        model.addAttribute("pollSeconds", properties.pollInterval().toSeconds());
        live(model);
        return "overview";
    }

    @GetMapping("/overview/live")
    String live(Model model) {
        Scopes can = CurrentUser.get().scopes();
        String key = CurrentUser.key();
        if (can.segmentsRead()) {
            model.addAttribute("segments", largest(segments(key)));
        }
        if (can.campaignsRead()) {
            model.addAttribute("running", apis.getList(key, Service.NOTIFIER,
                    uri -> uri.path("/v1/campaigns").queryParam("status", "ACTIVE").build()));
        }
        model.addAttribute("figures", figures.figures());
        model.addAttribute("channels", OperationalFigures.CHANNELS);
        model.addAttribute("asOf", java.time.LocalTime.now(java.time.ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        return "overview :: live";
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> segments(String key) {
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

    private static List<Map<String, Object>> largest(List<Map<String, Object>> segments) {
        return segments.stream()
                .sorted(Comparator.comparingLong((Map<String, Object> s) -> ((Number) s.get("size")).longValue()).reversed())
                .limit(TOP_SEGMENTS).toList();
    }
}
