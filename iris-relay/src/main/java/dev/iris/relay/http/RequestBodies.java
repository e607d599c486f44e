package dev.iris.relay.http;

import dev.iris.common.http.IrisException;
import jakarta.ws.rs.container.ContainerRequestContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body once, with a size limit, for signature checks that need the exact bytes,
 * and puts it back so the resource can read it again.
 */
public final class RequestBodies
{
    private RequestBodies() {}

    public static byte[] buffer(ContainerRequestContext request, long maxBytes)
    {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 1);
        if (request.getLength() > limit) {
            throw tooLarge(limit);
        }
        byte[] body = read(request.getEntityStream(), limit);
        request.setEntityStream(new ByteArrayInputStream(body));
        return body;
    }

    public static byte[] read(InputStream in, long maxBytes)
    {
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 1);
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge(limit);
            }
            return body;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and drops what is left of a refused request's body, up to {@code maxBytes}, so the
     * client's kept-alive connection can carry its next request: refused before its body has
     * arrived, the server would close the connection after answering, and a client that sends
     * the next request at once could write it into the closing connection and get no answer.
     */
    public static void discard(InputStream in, long maxBytes)
    {
        try {
            read(in, maxBytes);
        }
        catch (IrisException | UncheckedIOException e) {
            // The refusal is answered anyway; only the connection's reuse is lost.
        }
    }

    private static IrisException tooLarge(int limit)
    {
        return new IrisException(413, "Request body too large", "The limit is " + limit + " bytes");
    }
}
