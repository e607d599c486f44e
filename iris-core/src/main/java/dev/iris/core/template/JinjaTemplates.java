package dev.iris.core.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.interpret.AutoCloseableSupplier;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import jakarta.inject.Inject;

import java.io.IOException;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks and renders Iris templates (Jinja syntax) with Jinjava.
 */
public final class JinjaTemplates
{
    /** Bounds what one template may produce: messages are small, and authors are not trusted. */
    private static final long MAX_OUTPUT_CHARACTERS = 1_000_000;

    private static final Pattern OPENER = Pattern.compile("\\{[{%#]");
    private static final Pattern RAW = Pattern.compile("[-+]?\\s*raw\\s*[-+]?");
    private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%}");

    private final Jinjava jinjava;

    @Inject
    public JinjaTemplates()
    {
        jinjava = new Jinjava(JinjavaConfig.newBuilder()
                .withMaxOutputSize(MAX_OUTPUT_CHARACTERS)
                .withMaxRenderDepth(10)
                .withRangeLimit(1000)
                .build());
        // Templates are self-contained: {% include %} and {% import %} must not read classpath files.
        jinjava.setResourceLocator((name, encoding, interpreter) -> {
            throw new IOException("templates cannot include other files: " + name);
        });
    }

    /**
     * The first fatal syntax problem of {@code template}, as "message (line N)", if any.
     */
    public Optional<String> syntaxError(String template)
    {
        if (template == null || template.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> unclosed = unclosedDelimiter(template);
        if (unclosed.isPresent()) {
            return unclosed;
        }
        JinjavaInterpreter interpreter = jinjava.newInterpreter();
        // Parsing reads settings from the thread's current interpreter.
        try (AutoCloseableSupplier.AutoCloseableImpl<JinjavaInterpreter> current = JinjavaInterpreter.closeablePushCurrent(interpreter).get()) {
            current.value().parse(template);
        }
        catch (RuntimeException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return firstFatal(interpreter.getErrors());
    }

    /**
     * Jinja's lexer refuses a tag, expression or comment that is never closed; Jinjava reads one
     * as plain text, so look for them first (text inside a raw block is not looked at).
     */
    private static Optional<String> unclosedDelimiter(String template)
    {
        int position = 0;
        while (true) {
            Matcher opener = OPENER.matcher(template);
            if (!opener.find(position)) {
                return Optional.empty();
            }
            String open = opener.group();
            String close = switch (open) {
                case "{{" -> "}}";
                case "{%" -> "%}";
                default -> "#}";
            };
            int end = template.indexOf(close, opener.end());
            if (end < 0) {
                return Optional.of((open.equals("{#") ? "Missing end of comment tag" : "unexpected end of template")
                        + " (line " + line(template, opener.start()) + ")");
            }
            position = end + close.length();
            if (open.equals("{%") && RAW.matcher(template.substring(opener.end(), end)).matches()) {
                Matcher endRaw = END_RAW.matcher(template);
                if (!endRaw.find(position)) {
                    return Optional.of("Missing end of raw directive (line " + line(template, opener.start()) + ")");
                }
                position = endRaw.end();
            }
        }
    }

    private static int line(String template, int offset)
    {
        return 1 + (int) template.substring(0, offset).chars().filter(character -> character == '\n').count();
    }

    /**
     * Renders {@code template} with {@code context}; a template that fails to render yields its
     * error as the result's error.
     */
    public Rendered render(String template, Map<String, Object> context)
    {
        if (template == null || template.isEmpty()) {
            return new Rendered(template == null ? "" : template, Optional.empty());
        }
        RenderResult result = jinjava.renderForResult(template, context);
        return new Rendered(result.getOutput(), firstFatal(result.getErrors()));
    }

    private static Optional<String> firstFatal(List<TemplateError> errors)
    {
        return errors.stream()
                .filter(error -> error.getSeverity() == TemplateError.ErrorType.FATAL)
                .findFirst()
                .map(error -> error.getMessage() + (error.getLineno() > 0 ? " (line " + error.getLineno() + ")" : ""));
    }

    /**
     * A rendered template and the error that stopped rendering, if one did.
     */
    public record Rendered(String output, Optional<String> error) {}
}
