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

    private static IrisException tooLarge(int limit)
    {
        return new IrisException(413, "Request body too large", "The limit is " + limit + " bytes");
    }
}
