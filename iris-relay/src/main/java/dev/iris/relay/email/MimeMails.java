package dev.iris.relay.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Turns a MIME mail (from IMAP or posted raw) into an {@link InboundEmail}: headers unfolded and
 * RFC 2047-decoded, body the first text/plain part that is not an attachment.
 */
public final class MimeMails
{
    private static final int MAX_DEPTH = 10;

    private MimeMails() {}

    public static InboundEmail toInboundEmail(Part mail)
            throws MessagingException, IOException
    {
        List<InboundEmail.Header> headers = new ArrayList<>();
        for (jakarta.mail.Header header : Collections.list(mail.getAllHeaders())) {
            headers.add(new InboundEmail.Header(header.getName(), decode(header.getValue())));
        }
        return new InboundEmail(headers, firstPlainText(mail, 0).orElse(""));
    }

    private static Optional<String> firstPlainText(Part part, int depth)
            throws MessagingException, IOException
    {
        if (depth > MAX_DEPTH || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return Optional.empty();
        }
        if (part.isMimeType("text/plain")) {
            Object content = part.getContent();
            return content instanceof String text ? Optional.of(text) : Optional.empty();
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int index = 0; index < multipart.getCount(); index++) {
                BodyPart child = multipart.getBodyPart(index);
                Optional<String> text = firstPlainText(child, depth + 1);
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(String value)
    {
        if (value == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(value);
        try {
            return MimeUtility.decodeText(unfolded);
        }
        catch (UnsupportedEncodingException e) {
            return unfolded;
        }
    }
}
