package dev.iris.core.render;

/**
 * A template that could not be rendered: a syntax error, an unknown filter, output too large.
 * The message is meant for the people who wrote the template.
 */
public final class TemplateRenderException
        extends Exception
{
    public TemplateRenderException(String message)
    {
        super(message);
    }

    public TemplateRenderException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
