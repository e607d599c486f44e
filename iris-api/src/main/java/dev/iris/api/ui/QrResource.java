package dev.iris.api.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.api.IrisApiConfiguration;
import dev.iris.api.auth.OwnAuthentication;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * {@code /qr}: a QR code the Iris mobile app scans to learn where Iris is and where to log in.
 * It encodes {@code {"baseUrl": ..., "loginUrl": ...}} as JSON. The page exists only when
 * {@code ui.qrBaseUrl} and {@code ui.qrLoginUrl} are both configured, as in Iris.
 */
@Path("/qr")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class QrResource
{
    private final Optional<UiConfig.QrUrls> urls;
    private final ObjectMapper objectMapper;
    private final UiPages pages;

    @Inject
    public QrResource(IrisApiConfiguration configuration, ObjectMapper objectMapper, UiPages pages)
    {
        this.urls = configuration.getUi().getQrUrls();
        this.objectMapper = requireNonNull(objectMapper, "objectMapper is null");
        this.pages = requireNonNull(pages, "pages is null");
    }

    @GET
    public QrView qr(@Context ContainerRequestContext request)
    {
        UiConfig.QrUrls qr = urls.orElseThrow(() -> new NotFoundException("The QR page is not configured"));
        Map<String, String> content = new LinkedHashMap<>();
        content.put("baseUrl", qr.baseUrl());
        content.put("loginUrl", qr.loginUrl());
        try {
            return new QrView(pages.context(request, "settings"), qr, QrCodes.svg(objectMapper.writeValueAsString(content)));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The page: the code and the two URLs in plain text.
     */
    public static final class QrView
            extends PageView
    {
        private final UiConfig.QrUrls urls;
        private final String svg;

        QrView(PageContext context, UiConfig.QrUrls urls, String svg)
        {
            super("qr.ftlh", context, "Mobile app");
            this.urls = urls;
            this.svg = svg;
        }

        public UiConfig.QrUrls getUrls()
        {
            return urls;
        }

        /**
         * Markup drawn by {@link QrCodes} from the code's modules alone; no text of ours in it.
         */
        public String getSvg()
        {
            return svg;
        }
    }
}
