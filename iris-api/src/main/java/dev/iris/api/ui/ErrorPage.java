package dev.iris.api.ui;

import dev.iris.common.http.IrisException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * A page's own refusal as the browser error page ({@link UiErrorPages.ErrorPageView}): the
 * error's status, Iris's title and description in the layout, a way back to the section.
 */
public final class ErrorPage
{
    private ErrorPage() {}

    public static Response of(PageContext context, IrisException error)
    {
        return Response.status(error.status())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(new UiErrorPages.ErrorPageView(context, error.status(), error.title(), error.description()))
                .build();
    }
}
