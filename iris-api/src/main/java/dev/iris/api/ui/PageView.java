package dev.iris.api.ui;

import io.dropwizard.views.common.View;

import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * A server-rendered page: a Freemarker template under {@code dev/iris/api/ui/}, or at an
 * absolute classpath path (a page of another module), with HTML auto-escaping on, as for every
 * {@code .ftlh}, and the {@link PageContext} and page data.
 */
public class PageView
        extends View
{
    private final PageContext context;
    private final String title;

    public PageView(String template, PageContext context, String title)
    {
        super(template.startsWith("/") ? template : "/dev/iris/api/ui/" + template, StandardCharsets.UTF_8);
        this.context = requireNonNull(context, "context is null");
        this.title = requireNonNull(title, "title is null");
    }

    public PageContext getContext()
    {
        return context;
    }

    public String getTitle()
    {
        return title;
    }
}
