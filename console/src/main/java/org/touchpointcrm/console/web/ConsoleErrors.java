package org.touchpointcrm.console.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.touchpointcrm.console.apis.ApiProblem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * A service's refusal becomes a page (or, for an htmx request, a fragment) that says what went wrong in the
 * service's own words and what to do about it. A key the services no longer know ends the session.
 */
@ControllerAdvice
public class ConsoleErrors {

    private static final Logger log = LoggerFactory.getLogger(ConsoleErrors.class);

    @ExceptionHandler(ApiProblem.class)
    ModelAndView apiProblem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) {
        log.info("{} answered {} to {} {}", problem.service(), problem.status(), request.getMethod(), request.getRequestURI());
        if (problem.status() == 401) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        boolean htmx = request.getHeader("HX-Request") != null;
        var view = new ModelAndView(htmx ? "problem :: problem" : "problem");
        view.addObject("problem", problem);
        view.addObject("advice", "problem.advice." + advice(problem.status()));
        view.addObject("serviceName", "service." + problem.service().name().toLowerCase());
        // htmx swaps only 2xx answers by default: a refusal it should show is answered 200 with the problem in it.
        response.setStatus(htmx ? 200 : problem.status() == 401 ? 401 : statusFor(problem.status()));
        return view;
    }

    private static String advice(int status) {
        return switch (status) {
            case 400, 422 -> "fix";
            case 401 -> "signin";
            case 403 -> "scope";
            case 404 -> "notfound";
            case 409 -> "conflict";
            case 412 -> "changed";
            case 413 -> "toolarge";
            case 429, 503 -> "retry";
            default -> "other";
        };
    }

    private static int statusFor(int serviceStatus) {
        return serviceStatus >= 500 ? 502 : serviceStatus;
    }
}
