package dev.iris.server.logging;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;

/**
 * Names the request thread after the request for as long as it runs, as Dropwizard's
 * {@code ThreadNameFilter} does ({@code "<thread> - POST /v0/webhooks/generic?..."}), but with
 * secret query values hidden: thread names show up in every log line of the request, in thread
 * dumps and in the admin port's {@code /threads}.
 */
public final class RedactingThreadNameFilter
        implements Filter
{
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException
    {
        Thread current = Thread.currentThread();
        String original = current.getName();
        try {
            current.setName(original + " - " + describe((HttpServletRequest) request));
            chain.doFilter(request, response);
        }
        finally {
            current.setName(original);
        }
    }

    private static String describe(HttpServletRequest request)
    {
        String query = request.getQueryString();
        String target = query == null ? request.getRequestURI() : request.getRequestURI() + "?" + QuerySecrets.redactQuery(query);
        return LogText.escape(request.getMethod() + " " + target);
    }
}
