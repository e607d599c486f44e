package dev.iris.api.ui;

import dev.iris.api.IrisApiConfiguration;
import io.dropwizard.assets.AssetsBundle;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.views.common.ViewBundle;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * The web UI's Dropwizard parts: Freemarker views, our CSS and script under {@code /static/ui/},
 * and htmx from its WebJar under {@code /static/htmx/}.
 */
public final class UiBundle
        implements ConfiguredBundle<IrisApiConfiguration>
{
    @Override
    public void initialize(Bootstrap<?> bootstrap)
    {
        bootstrap.addBundle(new ViewBundle<>(List.of(new FreemarkerViewRenderer(freemarker.template.Configuration.VERSION_2_3_34))));
        bootstrap.addBundle(new AssetsBundle("/dev/iris/api/ui/static", "/static/ui", null, "ui-static"));
        bootstrap.addBundle(new AssetsBundle("/META-INF/resources/webjars/htmx.org/" + htmxVersion() + "/dist", "/static/htmx", null, "htmx"));
    }

    /**
     * The htmx version on the classpath, so the root pom alone decides it. The build writes it
     * next to this class (the shaded jar carries no Maven metadata of its libraries).
     */
    static String htmxVersion()
    {
        try (InputStream in = UiBundle.class.getResourceAsStream("htmx.properties")) {
            if (in == null) {
                throw new IllegalStateException("htmx.properties is not on the classpath: build with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
