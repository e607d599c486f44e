package dev.iris.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iris.common.client.IrisApiUnreachableException;

import java.io.PrintWriter;

/**
 * Failures under {@code --json}: one JSON object on standard error,
 * {@code {"error": {"kind", "status", "title", "description"}}}, so scripts that asked for JSON get
 * JSON either way; the exit code is the same as without {@code --json}.
 */
final class JsonErrors
{
    private JsonErrors() {}

    static int report(Exception exception, PrintWriter err)
    {
        ObjectNode error = Documents.json().createObjectNode();
        int exitCode;
        if (exception instanceof ApiRefusedException refused) {
            error.put("kind", "refused").put("status", refused.status()).put("title", refused.title()).put("description", refused.description());
            exitCode = ExitCodes.REFUSED;
        }
        else if (exception instanceof IrisApiUnreachableException) {
            error.put("kind", "unreachable").put("title", exception.getMessage());
            exitCode = ExitCodes.UNREACHABLE;
        }
        else if (exception instanceof UsageException) {
            error.put("kind", "usage").put("title", exception.getMessage());
            exitCode = ExitCodes.USAGE;
        }
        else if (exception instanceof PartialFailureException) {
            error.put("kind", "partial").put("title", exception.getMessage());
            exitCode = ExitCodes.REFUSED;
        }
        else {
            throw new IllegalStateException(exception);
        }
        ObjectNode body = Documents.json().createObjectNode();
        body.set("error", error);
        try {
            err.println(Documents.json().writeValueAsString(body));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        err.flush();
        return exitCode;
    }
}
