package dev.iris.core.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpretException;
import com.hubspot.jinjava.interpret.InvalidArgumentException;
import com.hubspot.jinjava.interpret.InvalidInputException;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.loader.ResourceLocator;
import com.hubspot.jinjava.tree.Node;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 *
 * <p>A render does what {@link Jinjava#renderForResult} does, minus two costs that repeat for
 * every message of a storm: parsing (the tree of a template text, with the errors parsing found,
 * is kept and shared, as rendering only reads it) and copying Jinjava's global context of
 * filters, functions and tags (a render needs a copy of its own because it records what it
 * resolved there; copies are reused, one render at a time each, and cleared after each render
 * as Jinjava clears its own). Each render still gets a new interpreter and a new context for its
 * values, so nothing a template sets is seen by another render.
 *
 * <p>Thread-safe.
 */
public final class TemplateRenderer
{
    private static final long MAX_OUTPUT_CHARACTERS = 1_000_000;
    private static final int PARSED_TEMPLATES = 10_000;

    private final Jinjava jinjava;
    private final JinjavaConfig config;
    // Template text -> its parse tree and parse errors.
    private final Cache<String, Parsed> parsed = Caffeine.newBuilder().maximumSize(PARSED_TEMPLATES).build();
    // Copies of Jinjava's global context not in use; there are as many as renders ran at once.
    private final ConcurrentLinkedQueue<Context> globalContexts = new ConcurrentLinkedQueue<>();

    private record Parsed(Node root, List<TemplateError> errors) {}

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
        this.config = config;
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
        Context global = globalContexts.poll();
        if (global == null) {
            global = jinjava.getGlobalContextCopy();
        }
        List<TemplateError> errors = new ArrayList<>();
        String output = null;
        try {
            Context globalForParsing = global;
            JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava, new Context(global, context, config.getDisabled()), config);
            // As Jinjava's renderForResult: these failures become a fatal error listed first.
            TemplateError failure = null;
            try {
                Parsed tree = parsed.get(template, text -> parse(text, globalForParsing));
                errors.addAll(tree.errors());
                output = stripTrailingNewline(interpreter.render(tree.root()));
            }
            catch (TemplateSyntaxException e) {
                failure = TemplateError.fromException(e);
            }
            catch (InterpretException e) {
                failure = TemplateError.fromSyntaxError(e);
            }
            catch (InvalidArgumentException e) {
                failure = TemplateError.fromInvalidArgumentException(e);
            }
            catch (InvalidInputException e) {
                failure = TemplateError.fromInvalidInputException(e);
            }
            catch (RuntimeException e) {
                failure = TemplateError.fromException(e);
            }
            if (failure != null) {
                errors.add(0, failure);
            }
            errors.addAll(interpreter.getErrorsCopy());
        }
        catch (RuntimeException e) {
            throw new TemplateRenderException("template error: " + e.getMessage(), e);
        }
        finally {
            global.reset();
            globalContexts.offer(global);
        }
        List<TemplateError> fatal = errors.stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .toList();
        if (!fatal.isEmpty()) {
            throw new TemplateRenderException(fatal.stream()
                    .map(error -> error.getLineno() > 0 ? "line " + error.getLineno() + ": " + error.getMessage() : error.getMessage())
                    .collect(Collectors.joining("; ")));
        }
        return output;
    }

    /**
     * Parses a template with an interpreter of its own, keeping the errors parsing reports (a
     * render of the cached tree reports them again).
     */
    private Parsed parse(String template, Context global)
    {
        JinjavaInterpreter interpreter = config.getInterpreterFactory().newInstance(jinjava, new Context(global, Map.of(), config.getDisabled()), config);
        Node root = interpreter.parse(template);
        return new Parsed(root, List.copyOf(interpreter.getErrorsCopy()));
    }

    private String stripTrailingNewline(String output)
    {
        if (!config.isKeepTrailingNewline() && output.endsWith("\n")) {
            return output.substring(0, output.length() - 1);
        }
        return output;
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
