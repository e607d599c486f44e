package dev.iris.api.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.iris.api.auth.PublicRead;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /v0/openapi.json} and {@code /v0/openapi.yaml} (no credentials): the OpenAPI 3
 * description of the REST API, maintained by hand in {@code openapi/iris-v0.yaml} next to the
 * resources it describes.
 */
@Path("/v0/openapi.{format: json|yaml}")
@PublicRead
public final class OpenApiResource
{
    static final String RESOURCE = "/openapi/iris-v0.yaml";

    private final String yaml;
    private final JsonNode json;

    @Inject
    public OpenApiResource()
    {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            this.json = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @GET
    public Response describe(@PathParam("format") String format)
    {
        if ("yaml".equals(format)) {
            return Response.ok(yaml, "application/yaml").build();
        }
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }
}
