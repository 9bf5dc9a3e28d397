package org.touchpointcrm.segmentation.definitions;

import java.net.URI;
import java.util.List;

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
import org.touchpointcrm.access.definitions.Versions;
import org.touchpointcrm.access.definitions.Written;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.rules.CompiledRule;
import org.touchpointcrm.segmentation.SegmentationProblems.ParameterViolation;
import org.touchpointcrm.segmentation.query.StoreQueries;
import org.touchpointcrm.segmentation.segments.SegmentCatalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

/**
 * The marketers' API for segments: list, read, create, change, retire, validate and preview. It
 * needs an API key with the marketer scopes (SEGMENTS_READ to read, SEGMENTS_WRITE for the rest).
 * The version is the ETag; send it back as If-Match to be sure nobody changed the segment meanwhile.
 */
@Tag(name = "Segment definitions", description = "Segments as CEL rules over the customer profile; see docs/segments.md")
@RestController
public class SegmentDefinitionController {

    static final String PATH = "/v1/segment-definitions";

    private final SegmentCatalogue catalogue;
    private final DefinitionWriter writer;
    private final SegmentPreview preview;
    private final JsonMapper json;

    public SegmentDefinitionController(SegmentCatalogue catalogue, DefinitionWriter writer, SegmentPreview preview,
                                       JsonMapper json) {
        this.catalogue = catalogue;
        this.writer = writer;
        this.preview = preview;
        this.json = json;
    }

    @Operation(summary = "Every segment definition, in id order; ?status=ACTIVE (or DRAFT, RETIRED) narrows it")
    @GetMapping(PATH)
    public List<DefinitionView> list(@RequestParam(required = false) SegmentStatus status) {
        return catalogue.entries().stream().map(SegmentCatalogue.Entry::definition)
                .filter(definition -> status == null || definition.getStatus() == status)
                .map(DefinitionView::of).toList();
    }

    @Operation(summary = "One segment definition; its version is the ETag")
    @GetMapping(PATH + "/{id}")
    public ResponseEntity<DefinitionView> get(@PathVariable String id) {
        var definition = catalogue.entry(id).orElseThrow(() -> new UnknownDefinitionException(id)).definition();
        return ResponseEntity.ok().eTag(Versions.etag(definition.getVersion())).body(DefinitionView.of(definition));
    }

    @Operation(summary = "Create a segment: ACTIVE (the default) is applied to every stored profile at once")
    @PostMapping(PATH)
    public ResponseEntity<DefinitionView> create(@RequestBody DefinitionRequest request,
                                                 @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.create(request, client), HttpStatus.CREATED);
    }

    @Operation(summary = "Change a segment's name, description, rule or status; a new version is applied to every stored profile")
    @PutMapping(PATH + "/{id}")
    public ResponseEntity<DefinitionView> change(@PathVariable String id, @RequestBody DefinitionRequest request,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.change(id, request, version(ifMatch), client), HttpStatus.OK);
    }

    @Operation(summary = "Retire a segment: its members leave it; the definition stays, so the id keeps its meaning")
    @DeleteMapping(PATH + "/{id}")
    public ResponseEntity<DefinitionView> retire(@PathVariable String id,
                                                 @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                 @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        return answer(writer.retire(id, version(ifMatch), client.name()), HttpStatus.OK);
    }

    /** What a rule reads, if it compiles. */
    public record Validation(boolean valid, List<String> fieldsRead, boolean dependsOnTime, long estimatedCost) {
    }

    /** The rule alone, for :validate and :preview. */
    public record RuleRequest(String rule) {
    }

    @Operation(summary = "Compile a rule without saving it: 200 with what it reads, or 422 with line, column and message")
    @PostMapping(PATH + ":validate")
    public Validation validate(@RequestBody RuleRequest request,
                               @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        CompiledRule rule = writer.compile(request.rule(), client);
        return new Validation(true, rule.fieldsRead().stream().sorted().toList(), rule.dependsOnTime(),
                rule.estimatedCost());
    }

    @Operation(summary = "How many customers a rule matches now, and pseudonyms of ten of them (never their ids),"
            + " over every instance's profiles")
    @PostMapping(PATH + ":preview")
    public SegmentPreview.Result preview(@RequestBody RuleRequest request,
                                         @RequestHeader(name = StoreQueries.FORWARDED_HEADER, defaultValue = "false") boolean forwarded,
                                         @RequestAttribute(ApiClient.REQUEST_ATTRIBUTE) ApiClient client) {
        CompiledRule rule = writer.compile(request.rule(), client);
        if (forwarded) {
            return preview.local(rule);
        }
        return preview.everywhere(rule, json.writeValueAsString(request));
    }

    /** 202 when the definition is stored but this instance has not read it back yet. */
    private static ResponseEntity<DefinitionView> answer(Written<SegmentDefinition> written, HttpStatus status) {
        var definition = written.record();
        return written.answer(status, definition.getVersion(), URI.create(PATH + "/" + definition.getId()),
                DefinitionView.of(definition));
    }

    /** The version as the definition keeps it (an int): a larger number is refused like any malformed one. */
    private static Integer version(String ifMatch) {
        return Versions.ifMatch(ifMatch, Integer::valueOf, ParameterViolation::new);
    }
}
