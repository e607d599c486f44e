package dev.iris.server.logging;

import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.component.ContainerLifeCycle;

import static java.util.Objects.requireNonNull;

/**
 * Wraps the request log a Dropwizard config set up (logback-access by default, any layout or
 * appender) so that the request it writes shows the URI with secret query values hidden: the
 * request line, the URL, the query string and the query parameters it may print all come from
 * the request's URI. The wrapped log keeps its lifecycle (started and stopped with this one).
 */
final class RedactingRequestLog
        extends ContainerLifeCycle
        implements RequestLog
{
    private final RequestLog delegate;

    RedactingRequestLog(RequestLog delegate)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
        addBean(delegate, true);
    }

    @Override
    public void log(Request request, Response response)
    {
        HttpURI uri = request.getHttpURI();
        String query = uri.getQuery();
        String redacted = QuerySecrets.redactQuery(query);
        if (query == null || query.equals(redacted)) {
            delegate.log(request, response);
            return;
        }
        HttpURI hidden = HttpURI.build(uri).query(redacted).asImmutable();
        delegate.log(new Request.Wrapper(request)
        {
            @Override
            public HttpURI getHttpURI()
            {
                return hidden;
            }
        }, response);
    }
}
