package dev.iris.common.http;

import static java.util.Objects.requireNonNull;

/**
 * A request Iris refuses, with the HTTP status and Iris's {@code {title, description}} texts. The
 * texts go to the client verbatim: never put a secret or a stack trace in them.
 */
public class IrisException
        extends RuntimeException
{
    private final int status;
    private final String title;
    private final String description;

    public IrisException(int status, String title, String description)
    {
        super(title + (description == null || description.isEmpty() ? "" : ": " + description));
        this.status = status;
        this.title = requireNonNull(title, "title is null");
        this.description = description;
    }

    public static IrisException badRequest(String title, String description)
    {
        return new IrisException(400, title, description);
    }

    public static IrisException badRequest(String title)
    {
        return new IrisException(400, title, null);
    }

    public static IrisException unauthorized(String title, String description)
    {
        return new IrisException(401, title, description);
    }

    public static IrisException forbidden(String title, String description)
    {
        return new IrisException(403, title, description);
    }

    public static IrisException notFound(String title, String description)
    {
        return new IrisException(404, title, description);
    }

    public int status()
    {
        return status;
    }

    public String title()
    {
        return title;
    }

    public String description()
    {
        return description;
    }

    public ErrorBody body()
    {
        return new ErrorBody(title, description);
    }
}
