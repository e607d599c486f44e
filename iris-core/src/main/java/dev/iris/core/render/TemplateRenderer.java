package dev.iris.core.render;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.loader.ResourceLocator;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders Iris templates (Jinja syntax) in a sandbox. Templates are written by plan owners and
 * context values come from whoever triggers an incident, so:
 * <ul>
 * <li>context values are data: a value that looks like template code is printed as it is, never
 *     interpreted (nested interpretation is off, and {@link ContextValues} hands Jinjava only
 *     strings, numbers, booleans, lists and maps, so no Java method is reachable);</li>
 * <li>templates cannot read files or other templates ({@code include}, {@code import} fail);</li>
 * <li>output, loops and recursion are bounded, so a template cannot exhaust the sender.</li>
 * </ul>
 * Thread-safe.
 */
public final class TemplateRenderer
{
    private static final long MAX_OUTPUT_CHARACTERS = 1_000_000;

    private final Jinjava jinjava;

    public TemplateRenderer()
    {
        JinjavaConfig config = JinjavaConfig.newBuilder()
                .withNestedInterpretationEnabled(false)
                .withFailOnUnknownTokens(false)
                .withMaxOutputSize(MAX_OUTPUT_CHARACTERS)
                .withMaxStringLength(MAX_OUTPUT_CHARACTERS)
                .withMaxListSize(10_000)
                .withMaxMapSize(10_000)
                .withRangeLimit(10_000)
                .withMaxRenderDepth(10)
                .withEnableRecursiveMacroCalls(false)
                .withReadOnlyResolver(true)
                .build();
        this.jinjava = new Jinjava(config);
        this.jinjava.setResourceLocator(new NoResources());
    }

    /**
     * @param context plain data (see {@link ContextValues#toData})
     * @throws TemplateRenderException when the template has a fatal error
     */
    public String render(String template, Map<String, Object> context)
            throws TemplateRenderException
    {
        if (template == null || template.isEmpty()) {
            return "";
        }
        RenderResult result;
        try {
            result = jinjava.renderForResult(template, context);
        }
        catch (RuntimeException e) {
            throw new TemplateRenderException("template error: " + e.getMessage(), e);
        }
        List<TemplateError> fatal = result.getErrors().stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException(fatal.stream()
                    .map(error -> error.getLineno() > 0 ? "line " + error.getLineno() + ": " + error.getMessage() : error.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return result.getOutput();
    }

    private static final class NoResources
            implements ResourceLocator
    {
        @Override
        public String getString(String fullName, Charset encoding, com.hubspot.jinjava.interpret.JinjavaInterpreter interpreter)
                throws java.io.IOException
        {
            throw new java.io.IOException("templates cannot include or import other files");
        }
    }
}
