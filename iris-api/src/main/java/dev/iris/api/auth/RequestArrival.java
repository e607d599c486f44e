package dev.iris.api.auth;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/**
 * When a request arrived: the {@link System#nanoTime()} at which Jetty began reading it, which
 * this servlet filter puts on the request before Jersey sees it (Jersey hands its filters a
 * proxy, not Jetty's request). Time-window checks (the HMAC window) compare against the arrival,
 * not against the moment the check runs, so time spent waiting inside Iris (for a pooled
 * database connection, behind a lock) does not count against the client.
 */
public final class RequestArrival
        implements Filter
{
    private static final String ATTRIBUTE = RequestArrival.class.getName();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException
    {
        request.setAttribute(ATTRIBUTE, ServletContextRequest.getServletContextRequest(request).getBeginNanoTime());
        chain.doFilter(request, response);
    }

    /**
     * The arrival of the request carrying {@code beginNanoTime} (this filter's attribute, null
     * when the filter did not run), on {@code clock}.
     */
    static Instant of(Object beginNanoTime, Clock clock)
    {
        Instant now = clock.instant();
        if (!(beginNanoTime instanceof Long begin)) {
            return now;
        }
        long waitedNanos = System.nanoTime() - begin;
        return waitedNanos > 0 ? now.minusNanos(waitedNanos) : now;
    }

    /**
     * The request property (servlet attribute) holding the arrival.
     */
    static String attribute()
    {
        return ATTRIBUTE;
    }
}
