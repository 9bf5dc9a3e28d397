package org.touchpointcrm.notifier.definitions;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.access.ApiClient;
import org.touchpointcrm.access.definitions.DefinitionRefusedException;
import org.touchpointcrm.access.definitions.Versions;
import org.touchpointcrm.access.definitions.Written;
import org.touchpointcrm.avro.CampaignDefinition;
import org.touchpointcrm.avro.CampaignStatus;
import org.touchpointcrm.notifier.templates.RenderLimitException;
import org.touchpointcrm.notifier.templates.RenderedMessage;
import org.touchpointcrm.notifier.templates.TemplateCheck;
import org.touchpointcrm.notifier.templates.TemplateRenderer;
import org.touchpointcrm.notifier.templates.TextProblem;
import org.touchpointcrm.rules.ProfilePaths;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The marketers' API for campaigns: list, read, create, change, end, validate and preview-render. It
 * needs an API key with the marketer scopes (CAMPAIGNS_READ to read, CAMPAIGNS_WRITE for the rest). The
 * version is the ETag; send it back as If-Match to be sure nobody changed the campaign meanwhile.
 */
@Tag(name = "Campaigns", description = "Campaigns as data: trigger, audience, channels, templates, limits; see docs/campaigns.md")
@RestController
public class CampaignController {

    static final String PATH = "/v1/campaigns";

    private final CampaignCatalogue catalogue;
    private final CampaignWriter writer;

    public CampaignController(CampaignCatalogue catalogue, CampaignWriter writer) {
        this.catalogue = catalogue;
        this.writer = writer;
    }

    @Operation(summary = "Every campaign, in id order; ?status=ACTIVE (or DRAFT, PAUSED, ENDED) narrows it")
    @GetMapping(PATH)
    public List<CampaignView> list(@RequestParam(required = false) CampaignStatus status) {
        return catalogue.all().stream().filter(c -> status == null || c.getStatus() == status).map(CampaignView::of)
                .toList();
    }

    @Operation(summary = "One campaign; its version is the ETag")
    @GetMapping(PATH + "/{id}")
    public ResponseEntity<CampaignView> get(@PathVariable String id) {
        var campaign = catalogue.find(id).orElseThrow(() -> new UnknownCampaignException(id));
        return ResponseEntity.ok().eTag(Versions.etag(campaign.getVersion())).body(CampaignView.of(campaign));
    }

    @Operation(summary = "Create a campaign (DRAFT unless the request says ACTIVE): 201 with Location and ETag")
    @PostMapping(PATH)
    public ResponseEntity<CampaignView> create(@RequestBody CampaignRequest request,
                                               @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.create(request, client), HttpStatus.CREATED);
    }

    @Operation(summary = "Replace a campaign; send If-Match with its ETag to refuse the change if someone changed it meanwhile")
    @PutMapping(PATH + "/{id}")
    public ResponseEntity<CampaignView> change(@PathVariable String id, @RequestBody CampaignRequest request,
                                               @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                               @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.change(id, request, version(ifMatch), client), HttpStatus.OK);
    }

    @Operation(summary = "End a campaign for good: nothing more is sent; the campaign stays, so the id keeps its meaning")
    @DeleteMapping(PATH + "/{id}")
    public ResponseEntity<CampaignView> end(@PathVariable String id,
                                            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.end(id, version(ifMatch), client.name()), HttpStatus.OK);
    }

    /** The answer of :validate when everything is fine. */
    public record Validation(boolean valid) {
    }

    @Operation(summary = "Check a campaign without saving it: 200, or 400 naming each field, or 422 with text, line and column")
    @PostMapping(PATH + ":validate")
    public Validation validate(@RequestBody CampaignRequest request,
                               @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        writer.validate(request, client);
        return new Validation(true);
    }

    /**
     * One template and a sample profile, e.g. {@code {"master": {"firstName": "Aino"}}} (the profile's
     * JSON shape, as segmentation's profile query answers it).
     */
    public record RenderRequest(CampaignRequest.Template template, Map<String, Object> profile) {
    }

    @Operation(summary = "Render one template over a sample profile the caller sends (no stored profile is read):"
            + " the subject and bodies as a customer would get them")
    @PostMapping(PATH + ":render")
    public RenderedMessage render(@RequestBody RenderRequest request) {
        var template = request.template();
        if (template == null || template.textBody() == null) {
            throw DefinitionRefusedException.fields(List.of(new FieldError("template.textBody",
                    "is missing; send the template to render, e.g. {\"channel\": \"SMS\", \"textBody\": \"Hei {{profile.master.firstName}}\"}")));
        }
        List<TextProblem> problems = TemplateCheck.check("template.", template.subject(), template.htmlBody(),
                template.textBody());
        if (!problems.isEmpty()) {
            throw DefinitionRefusedException.problems(problems);
        }
        try {
            return TemplateRenderer.render(template.subject(), template.htmlBody(), template.textBody(),
                    Map.of(ProfilePaths.ROOT, request.profile() == null ? Map.of() : request.profile()));
        } catch (RenderLimitException e) {
            throw DefinitionRefusedException.problems(List.of(new TextProblem("template." + e.part(), 0, 0,
                    e.getMessage() + " over this profile; shorten the template or what it repeats over")));
        }
    }

    /** 202 when the campaign is stored but this instance has not read it back yet. */
    private static ResponseEntity<CampaignView> answer(Written<CampaignDefinition> written, HttpStatus status) {
        var campaign = written.record();
        return written.answer(status, campaign.getVersion(), URI.create(PATH + "/" + campaign.getId()),
                CampaignView.of(campaign));
    }

    private static Long version(String ifMatch) {
        return Versions.ifMatch(ifMatch, Long::valueOf, FieldError::new);
    }
}
