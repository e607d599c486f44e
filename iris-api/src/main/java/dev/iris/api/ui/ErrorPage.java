package dev.iris.api.ui;

import dev.iris.common.http.IrisException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An error as an HTML page with the error's status, for browser routes: Iris's title and
 * description in the layout, never the API's JSON or a stack trace.
 */
public final class ErrorPage
        extends PageView
{
    private final String description;
    private final String back;

    private ErrorPage(PageContext context, String title, String description, String back)
    {
        super("error.ftlh", context, title);
        this.description = description == null ? "" : description;
        this.back = back;
    }

    public String getDescription()
    {
        return description;
    }

    public String getBack()
    {
        return back;
    }

    /**
     * {@code error}'s status and text; {@code back}: where the page's link leads.
     */
    public static Response of(PageContext context, IrisException error, String back)
    {
        return Response.status(error.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new ErrorPage(context, error.title(), error.description(), Redirects.safeNext(back)))
                .build();
    }
}
