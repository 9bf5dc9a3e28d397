package org.touchpointcrm.notifier.reactions;

import java.net.URI;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.SignedLinks;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * What customers' mail clients and browsers call from a message: the open pixel, the tracked click and
 * the RFC 8058 one-click unsubscribe. No API key: the signed token is the authority, and an edited or
 * foreign token records nothing. Each reaction is stored before it is answered.
 */
@Hidden // not part of the marketers' API: these URLs are only ever made by SignedLinks
@RestController
public class LinkReactionsController {

    /** The body RFC 8058 mail clients POST, and what the confirmation page's form sends. */
    static final String ONE_CLICK_PARAMETER = "List-Unsubscribe";
    static final String ONE_CLICK_VALUE = "One-Click";

    /** The smallest transparent GIF (1×1, one transparent colour). */
    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8);

    private final SignedLinks links;
    private final ReactionWriter writer;
    private final Clock clock;

    public LinkReactionsController(SignedLinks links, ReactionWriter writer, Clock clock) {
        this.links = links;
        this.writer = writer;
        this.clock = clock;
    }

    /** The pixel is answered even for a token that is not ours (a broken image helps nobody); only a valid one counts. */
    @GetMapping(SignedLinks.OPEN_PATH + "{token}")
    public ResponseEntity<byte[]> open(@PathVariable String token) {
        links.verifyOpen(token).ifPresent(link -> writer.aboutMessage(
                FeedbackTouchpoints.about(link.subject(), TouchpointType.MESSAGE_OPENED, "", clock.instant(), Map.of())));
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_GIF)
                // Every load should reach us (a cached pixel is an open we never see); repeats count once anyway.
                .cacheControl(CacheControl.noStore().mustRevalidate())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .header(HttpHeaders.EXPIRES, "0")
                .body(PIXEL);
    }

    /** Redirects only to the target signed into the token: an edited token is 404, never an open redirect. */
    @GetMapping(SignedLinks.CLICK_PATH + "{token}")
    public ResponseEntity<Void> click(@PathVariable String token) {
        var link = links.verifyClick(token).filter(l -> l.target() != null)
                .orElseThrow(() -> new UnknownLinkException("click"));
        writer.aboutMessage(FeedbackTouchpoints.about(link.subject(), TouchpointType.MESSAGE_CLICKED, link.target(),
                clock.instant(), Map.of("url", link.target())));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link.target()))
                .cacheControl(CacheControl.noStore()).build();
    }

    /**
     * A person who clicked the link gets a page asking to confirm: a GET never unsubscribes, since mail
     * scanners and link previews follow links.
     */
    @GetMapping(SignedLinks.UNSUBSCRIBE_PATH + "{token}")
    public ResponseEntity<String> confirmUnsubscribe(@PathVariable String token) {
        if (links.verifyUnsubscribe(token).isEmpty()) {
            return page(HttpStatus.NOT_FOUND, UnsubscribePages.unknownLink());
        }
        return page(HttpStatus.OK, UnsubscribePages.confirm(ONE_CLICK_PARAMETER, ONE_CLICK_VALUE));
    }

    /** RFC 8058 one-click: the mail client (or the confirmation page) POSTs List-Unsubscribe=One-Click. */
    @PostMapping(path = SignedLinks.UNSUBSCRIBE_PATH + "{token}")
    public ResponseEntity<String> unsubscribe(@PathVariable String token,
                                              @RequestParam(name = ONE_CLICK_PARAMETER, required = false) String oneClick) {
        var link = links.verifyUnsubscribe(token);
        if (link.isEmpty()) {
            return page(HttpStatus.NOT_FOUND, UnsubscribePages.unknownLink());
        }
        if (!ONE_CLICK_VALUE.equals(oneClick)) {
            return page(HttpStatus.BAD_REQUEST, UnsubscribePages.notOneClick(ONE_CLICK_PARAMETER, ONE_CLICK_VALUE));
        }
        writer.aboutMessage(FeedbackTouchpoints.about(link.get().subject(), TouchpointType.UNSUBSCRIBED, "",
                clock.instant(), Map.of()));
        return page(HttpStatus.OK, UnsubscribePages.done());
    }

    private static ResponseEntity<String> page(HttpStatus status, String html) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(html);
    }
}
