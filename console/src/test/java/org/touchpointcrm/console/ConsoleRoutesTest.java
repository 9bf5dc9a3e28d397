package org.touchpointcrm.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.touchpointcrm.console.apis.Service;
import org.touchpointcrm.console.apis.ServiceApis;
import org.touchpointcrm.console.signin.ScopeProbe;
import org.touchpointcrm.console.signin.Scopes;

/**
 * Every page of the console needs a signed-in key, except the explicit public list; every form needs the CSRF
 * token; sign-in takes a key only when a service knows it; and what the key's scopes do not allow is not offered.
 * The services are replaced by mocks: the browser tests (local-stack's ConsoleBrowserTest) run the real ones.
 */
@SpringBootTest(properties = {"spring.config.name=console", "crm.console.ingest-management-url=",
        "crm.console.segmentation-management-url="})
@AutoConfigureMockMvc
class ConsoleRoutesTest {

    /** The routes anyone may open, each with its reason: signing in cannot need a signed-in key. */
    private static final Set<String> PUBLIC = Set.of("GET /sign-in");

    private static final String MARKETER = "marketer-key";
    private static final String ANALYST = "analyst-key";

    @Autowired
    private MockMvc mvc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @MockitoBean
    private ScopeProbe probe;
    @MockitoBean
    private ServiceApis apis;

    @Test
    void everyRouteButThePublicOnesSendsAStrangerToSignIn() throws Exception {
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("org.touchpointcrm.console")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                    String route = verb + " " + pattern;
                    checked.add(route);
                    String path = pattern.replaceAll("\\{[^}]+}", "x");
                    try {
                        MvcResult result = mvc.perform(request(HttpMethod.valueOf(verb.name()), path).with(csrf())).andReturn();
                        if (PUBLIC.contains(route)) {
                            assertThat(result.getResponse().getStatus()).as(route).isEqualTo(200);
                        } else {
                            assertThat(result.getResponse().getStatus()).as(route).isEqualTo(302);
                            assertThat(result.getResponse().getRedirectedUrl()).as(route).endsWith("/sign-in");
                        }
                    } catch (Exception e) {
                        throw new AssertionError(route, e);
                    }
                }
            }
        });
        assertThat(checked).contains("GET /", "GET /segments", "POST /segments", "GET /customers/{customerId}",
                "POST /campaigns/render").containsAll(PUBLIC);
    }

    @Test
    void aKeyNoServiceKnowsIsNotSignedIn() throws Exception {
        when(probe.scopesOf("unknown-key")).thenReturn(new Scopes(false, false, false, false, false, false));
        MvcResult result = mvc.perform(post("/sign-in").param("apiKey", "unknown-key").with(csrf())).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).endsWith("/sign-in?failed");
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() throws Exception {
        MockHttpSession session = signIn(MARKETER, new Scopes(true, true, true, true, true, false));
        MvcResult result = mvc.perform(post("/segments/x/retire").session(session)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/sign-in").param("apiKey", MARKETER)).andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aReadOnlyKeyIsOfferedNoWayToWrite() throws Exception {
        when(apis.getList(eq(ANALYST), eq(Service.SEGMENTATION), any())).thenReturn(List.of(
                Map.of("id", "loyal", "name", "Loyal", "status", "ACTIVE", "owner", "built-in")));
        when(apis.get(eq(ANALYST), eq(Service.SEGMENTATION), any())).thenReturn(
                Map.of("segments", List.of(Map.of("id", "loyal", "size", 42))));
        MockHttpSession session = signIn(ANALYST, new Scopes(true, false, true, true, false, false));

        String page = mvc.perform(get("/segments").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Loyal").contains(">42<").doesNotContain("id=\"new-segment\"");
        assertThat(mvc.perform(get("/segments/new").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(mvc.perform(post("/segments").session(session).with(csrf()).param("id", "x").param("rule", "true"))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void aMarketersKeyIsOfferedPublishingWithTheCsrfTokenInTheForm() throws Exception {
        when(apis.getList(eq(MARKETER), eq(Service.SEGMENTATION), any())).thenReturn(List.of());
        when(apis.get(eq(MARKETER), eq(Service.SEGMENTATION), any())).thenReturn(Map.of("segments", List.of()));
        when(probe.scopesOf(MARKETER)).thenReturn(new Scopes(true, true, true, true, true, false));
        MvcResult signedIn = mvc.perform(post("/sign-in").param("apiKey", MARKETER).with(csrf())).andReturn();
        assertThat(signedIn.getResponse().getRedirectedUrl()).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) signedIn.getRequest().getSession(false);

        String page = mvc.perform(get("/segments").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"new-segment\"");
        String editor = mvc.perform(get("/segments/new").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(editor).contains("id=\"publish-button\"").contains("name=\"_csrf\"");
    }

    @Test
    void thePagesSpeakFinnishWhenAsked() throws Exception {
        MockHttpSession session = signIn(ANALYST, new Scopes(false, false, false, false, false, true));
        String page = mvc.perform(get("/").param("lang", "fi").session(session)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("lang=\"fi\"").contains("Yleiskuva").contains("In English");
    }

    private MockHttpSession signIn(String key, Scopes scopes) throws Exception {
        when(probe.scopesOf(key)).thenReturn(scopes);
        MvcResult result = mvc.perform(post("/sign-in").param("apiKey", key).with(csrf())).andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/");
        return (MockHttpSession) result.getRequest().getSession(false);
    }
}
